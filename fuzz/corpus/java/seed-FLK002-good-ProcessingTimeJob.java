package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/** Processing-time windows: allowed lateness has no effect here, so its size does not matter. */
public class ProcessingTimeJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setMaxParallelism(720);
        DataStream<ClickEvent> clicks = ClickSource.create(env);

        clicks.keyBy(ClickEvent::getPage)
                .window(TumblingProcessingTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofMillis(100))
                .sum("count").uid("clicks-per-page")
                .print();

        env.execute("processing-time-job");
    }
}
