package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/**
 * The same legacy window, but nothing in this file says whether the job runs in event or
 * processing time (before Flink 1.12 the default was processing time).
 */
public class LegacyTimeWindowJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);

        clicks.keyBy(ClickEvent::getPage)
                .timeWindow(Time.seconds(10))
                .allowedLateness(Time.milliseconds(2))
                .sum("count")
                .print();

        env.execute("legacy-time-window-job");
    }
}
