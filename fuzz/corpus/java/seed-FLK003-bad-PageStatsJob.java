package com.example.clicks;

import java.time.Duration;

import com.example.clicks.functions.SessionAggregate;
import com.example.clicks.model.ClickEvent;
import com.example.clicks.model.Session;
import com.example.clicks.source.ClickSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Page statistics in event time; nothing says what happens to clicks that arrive late. */
public class PageStatsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));

        clicks.keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))) // expect: FLK003
                .sum("count")
                .print();

        clicks.windowAll(SlidingEventTimeWindows.of(Duration.ofMinutes(10), Duration.ofMinutes(1))) // expect: FLK003
                .sum("count")
                .print();

        WindowedStream<ClickEvent, String, TimeWindow> sessions = clicks
                .keyBy(ClickEvent::getUserId)
                .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30))); // expect: FLK003
        DataStream<Session> perSession = sessions.aggregate(new SessionAggregate());
        perSession.print();

        env.execute("page-stats-job");
    }
}
