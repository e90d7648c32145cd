package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** Global clicks per minute, across all pages. */
public class AllWindowJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);
        env.setMaxParallelism(720);
        clicks.windowAll(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofMillis(100)) // expect: FLK002
                .sum("count").uid("clicks-per-minute")
                .print();

        env.execute("all-window-job");
    }
}
