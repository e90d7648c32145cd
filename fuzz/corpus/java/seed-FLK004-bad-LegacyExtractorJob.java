package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.timestamps.AscendingTimestampExtractor;
import org.apache.flink.streaming.api.functions.timestamps.BoundedOutOfOrdernessTimestampExtractor;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Timestamps assigned with the extractors that Flink 2.0 removed. */
public class LegacyExtractorJob {

    /** Click timestamps as the legacy ascending extractor reads them. */
    static class ClickTimes extends AscendingTimestampExtractor<ClickEvent> { // expect: FLK004
        @Override
        public long extractAscendingTimestamp(ClickEvent click) {
            return click.getTimestamp();
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        DataStream<ClickEvent> clicks = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        new BoundedOutOfOrdernessTimestampExtractor<ClickEvent>(Time.milliseconds(500)) { // expect: FLK004
                            @Override
                            public long extractTimestamp(ClickEvent click) {
                                return click.getTimestamp();
                            }
                        });

        DataStream<ClickEvent> impressions = ClickSource.impressions(env)
                .assignTimestampsAndWatermarks(
                        new BoundedOutOfOrdernessTimestampExtractor<ClickEvent>(Time.seconds(5)) { // expect: FLK004
                            @Override
                            public long extractTimestamp(ClickEvent click) {
                                return click.getTimestamp();
                            }
                        });

        DataStream<ClickEvent> ordered = ClickSource.replay(env).assignTimestampsAndWatermarks(new ClickTimes());

        clicks.union(impressions, ordered).print();
        env.execute("legacy-extractor-job");
    }
}
