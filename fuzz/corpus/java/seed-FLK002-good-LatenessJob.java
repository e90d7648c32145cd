package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/** Enough lateness for the declared disorder, and late records are kept, not dropped. */
public class LatenessJob {

    private static final OutputTag<ClickEvent> LATE_CLICKS = new OutputTag<ClickEvent>("late-clicks") {};

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setMaxParallelism(720);
        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        SingleOutputStreamOperator<ClickEvent> perPage = clicks
                .keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofSeconds(5))
                .sideOutputLateData(LATE_CLICKS)
                .sum("count").uid("clicks-per-page");

        SingleOutputStreamOperator<ClickEvent> perUser = clicks
                .keyBy(ClickEvent::getUserId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ZERO)
                .sideOutputLateData(LATE_CLICKS)
                .sum("count").uid("clicks-per-user");

        perPage.print();
        perUser.print();
        perPage.getSideOutput(LATE_CLICKS).print();
        env.execute("lateness-job");
    }
}
