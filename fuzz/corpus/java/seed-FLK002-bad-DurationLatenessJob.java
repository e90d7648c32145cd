package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** Clicks per page and minute (Flink 1.19+ API). */
public class DurationLatenessJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);
        env.setMaxParallelism(720);
        clicks.keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofMillis(500)) // expect: FLK002
                .sum("count").uid("clicks-per-page")
                .print();

        env.execute("duration-lateness-job");
    }
}
