package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/** Five-minute click trends, updated every 30 seconds; late clicks go to a side output. */
public class SlidingWindowJob {

    private static final Duration ALLOWED_LATENESS = Duration.ofMillis(250);

    private static final OutputTag<ClickEvent> LATE_CLICKS = new OutputTag<ClickEvent>("late-clicks") {};

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);
        env.setMaxParallelism(720);
        SingleOutputStreamOperator<ClickEvent> trends = clicks
                .keyBy(ClickEvent::getPage)
                .window(SlidingEventTimeWindows.of(Duration.ofMinutes(5), Duration.ofSeconds(30)))
                .allowedLateness(ALLOWED_LATENESS) // expect: FLK002
                .sideOutputLateData(LATE_CLICKS)
                .sum("count").uid("clicks-per-page");

        trends.print();
        trends.getSideOutput(LATE_CLICKS).print();
        env.execute("sliding-window-job");
    }
}
