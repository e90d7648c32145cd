package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Timestamps come from the events themselves, so the legacy time windows work in event time. */
public class LegacyWatermarkJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        DataStream<ClickEvent> stamped = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));
        KeyedStream<ClickEvent, String> perPage = stamped.keyBy(ClickEvent::getPage);

        perPage.timeWindow(Time.seconds(30))
                .allowedLateness(Time.milliseconds(800)) // expect: FLK002
                .sum("count")
                .print();

        env.execute("legacy-watermark-job");
    }
}
