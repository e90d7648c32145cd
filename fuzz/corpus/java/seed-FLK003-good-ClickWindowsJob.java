package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.model.Impression;
import com.example.clicks.source.ClickSource;
import com.example.clicks.windows.LatenessPolicy;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.TimeCharacteristic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Windows whose late records are handled elsewhere, or that are not provably in event time. */
public class ClickWindowsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime);

        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp()));
        DataStream<Impression> impressions = ClickSource.impressions(env);

        // The windowed stream is handed to a policy that may configure its lateness.
        WindowedStream<ClickEvent, String, TimeWindow> perPage = clicks
                .keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)));
        LatenessPolicy.apply(perPage).sum("count").print();

        // A window join: late records cannot go to a side output there.
        clicks.join(impressions)
                .where(ClickEvent::getAdId)
                .equalTo(Impression::getAdId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .apply((click, impression) -> click.withImpression(impression))
                .print();

        // Processing time, and a global window: nothing is ever late.
        clicks.keyBy(ClickEvent::getPage)
                .window(TumblingProcessingTimeWindows.of(Duration.ofMinutes(1)))
                .sum("count")
                .print();
        clicks.keyBy(ClickEvent::getPage)
                .window(GlobalWindows.create())
                .trigger(CountTrigger.of(100))
                .sum("count")
                .print();

        // The legacy window follows the processing-time characteristic set above.
        clicks.keyBy(ClickEvent::getUserId)
                .timeWindow(Time.minutes(1))
                .sum("count")
                .print();

        env.execute("click-windows-job");
    }
}
