package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.TimeCharacteristic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Clicks per page every ten seconds, written against the pre-1.12 API. */
public class LegacyTimeWindowJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);

        DataStream<ClickEvent> clicks = ClickSource.create(env);
        buildPipeline(clicks);

        env.execute("legacy-time-window-job");
    }

    /** The windows are built in event time: the environment above says so. */
    static void buildPipeline(DataStream<ClickEvent> clicks) {
        clicks.keyBy(ClickEvent::getPage)
                .timeWindow(Time.seconds(10))
                .allowedLateness(Time.milliseconds(2)) // expect: FLK002
                .sum("count")
                .print();

        clicks.keyBy(ClickEvent::getUserId)
                .timeWindow(Time.minutes(1), Time.seconds(10))
                .allowedLateness(Time.milliseconds(500)) // expect: FLK002
                .sum("count")
                .print();
    }
}
