package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import com.example.clicks.windows.WindowFactory;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/** Window kind and lateness come from configuration: nothing can be proven. */
public class UnresolvedWindowJob {

    private static final OutputTag<ClickEvent> LATE_CLICKS = new OutputTag<ClickEvent>("late-clicks") {};

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setMaxParallelism(720);
        DataStream<ClickEvent> clicks = ClickSource.create(env);

        clicks.keyBy(ClickEvent::getPage)
                .window(WindowFactory.fromConfig(params))
                .allowedLateness(Duration.ofMillis(100))
                .sum("count").uid("clicks-per-page")
                .print();

        clicks.keyBy(ClickEvent::getUserId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofMillis(params.getLong("lateness.ms")))
                .sideOutputLateData(LATE_CLICKS)
                .sum("count").uid("clicks-per-user")
                .print();

        env.execute("unresolved-window-job");
    }
}
