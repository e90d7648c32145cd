package com.example.clicks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Sessions and a sliding click rate per user; built against Flink 1.20 (see pom.xml). */
public class ClickSessionJob {

    /** How long a session may stay quiet before it closes. */
    private static final Time SESSION_GAP = Time.minutes(30); // expect: FLK015

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Click> clicks = env.fromSource(
                Click.source(),
                WatermarkStrategy.<Click>forBoundedOutOfOrderness(Duration.ofSeconds(5)),
                "clicks");

        clicks.keyBy(Click::userId)
                .window(EventTimeSessionWindows.withGap(SESSION_GAP))
                .allowedLateness(Time.seconds(30)) // expect: FLK015
                .process(new SessionSummary())
                .print();

        clicks.keyBy(Click::userId)
                .window(SlidingEventTimeWindows.of(
                        Time.of(10, TimeUnit.MINUTES), // expect: FLK015
                        Time.minutes(1))) // expect: FLK015
                .aggregate(new ClickRate())
                .print();

        long flushEvery = Time.seconds(10).toMilliseconds(); // expect: FLK015
        clicks.addSink(new BufferedSink(flushEvery, Time.minutes(5))); // expect: FLK015

        env.execute("click-sessions");
    }
}
