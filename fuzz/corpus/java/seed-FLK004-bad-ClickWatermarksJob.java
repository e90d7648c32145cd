package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Watermarks that trail the newest click by almost nothing: most stragglers become late. */
public class ClickWatermarksJob {

    private static final Duration NO_DISORDER = Duration.ZERO;

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofMillis(100)) // expect: FLK004
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        WatermarkStrategy<ClickEvent> strict = WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(NO_DISORDER) // expect: FLK004
                .withTimestampAssigner((click, ts) -> click.getTimestamp());
        DataStream<ClickEvent> replayed = ClickSource.replay(env).assignTimestampsAndWatermarks(strict);

        // Only a default: the job may run with another value (reported as info).
        DataStream<ClickEvent> tuned = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(
                                        Duration.ofMillis(params.getLong("disorder.ms", 200L))) // expect: FLK004
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        clicks.union(replayed, tuned).print();
        env.execute("click-watermarks-job");
    }
}
