package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.TimeCharacteristic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Timestamps are assigned, but the job runs in processing time: the legacy windows follow it. */
public class ProcessingTimeCharacteristicJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime);

        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        clicks.keyBy(ClickEvent::getPage)
                .timeWindow(Time.seconds(10))
                .allowedLateness(Time.milliseconds(2))
                .sum("count")
                .print();

        clicks.timeWindowAll(Time.seconds(10))
                .allowedLateness(Time.milliseconds(2))
                .sum("count")
                .print();

        env.execute("processing-time-characteristic-job");
    }
}
