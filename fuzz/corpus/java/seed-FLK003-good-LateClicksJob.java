package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.AllWindowedStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/** Every event-time window says what happens to late clicks, in the chain or on its local. */
public class LateClicksJob {

    private static final OutputTag<ClickEvent> LATE_CLICKS = new OutputTag<ClickEvent>("late-clicks") {};

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        // A side output, after an allowed lateness.
        SingleOutputStreamOperator<ClickEvent> perPage = clicks.keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofSeconds(30))
                .sideOutputLateData(LATE_CLICKS)
                .sum("count");
        perPage.getSideOutput(LATE_CLICKS).print();

        // The window is configured on its local, in a statement of its own.
        WindowedStream<ClickEvent, String, TimeWindow> perUser = clicks
                .keyBy(ClickEvent::getUserId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)));
        perUser.sideOutputLateData(LATE_CLICKS);
        perUser.sum("count").print();

        // The setting comes after the function is applied through the local: it still counts.
        AllWindowedStream<ClickEvent, TimeWindow> trend = clicks
                .windowAll(SlidingEventTimeWindows.of(Duration.ofMinutes(10), Duration.ofMinutes(1)));
        SingleOutputStreamOperator<ClickEvent> trendCounts = trend.sum("count");
        trend.allowedLateness(Duration.ofMinutes(1));
        trendCounts.print();

        // Late clicks are deliberately dropped here, and the code says so.
        clicks.keyBy(ClickEvent::getCountry)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ZERO)
                .sum("count")
                .print();

        env.execute("late-clicks-job");
    }
}
