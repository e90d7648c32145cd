package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Clicks per page and minute (Flink 1.x API). */
public class LateEventsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);
        env.setMaxParallelism(720);
        clicks.keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Time.minutes(1)))
                .allowedLateness(Time.milliseconds(100)) // expect: FLK002
                .sum("count").uid("clicks-per-page")
                .print();

        env.execute("late-events-job");
    }
}
