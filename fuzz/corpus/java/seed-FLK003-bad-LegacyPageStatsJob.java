package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import com.example.clicks.source.ClickTimestamps;
import org.apache.flink.streaming.api.TimeCharacteristic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** The same statistics with the pre-1.12 time windows, in a job that runs in event time. */
public class LegacyPageStatsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);

        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(new ClickTimestamps());

        clicks.keyBy(ClickEvent::getPage)
                .timeWindow(Time.minutes(1)) // expect: FLK003
                .reduce((a, b) -> a.merge(b))
                .print();

        clicks.timeWindowAll(Time.minutes(10), Time.minutes(1)) // expect: FLK003
                .sum("count")
                .print();

        env.execute("legacy-page-stats-job");
    }
}
