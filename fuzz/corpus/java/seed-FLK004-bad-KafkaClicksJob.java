package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickDeserializer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Clicks from a multi-partition topic, with strategies that trust every partition to keep pace. */
public class KafkaClicksJob {

    private static final WatermarkStrategy<ClickEvent> PER_PARTITION =
            WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(10)); // expect: FLK004

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSource<ClickEvent> clicksSource = KafkaSource.<ClickEvent>builder()
                .setBootstrapServers("kafka:9092")
                .setTopics("clicks")
                .setGroupId("click-watermarks")
                .setStartingOffsets(OffsetsInitializer.committedOffsets())
                .setValueOnlyDeserializer(new ClickDeserializer())
                .build();

        DataStream<ClickEvent> clicks = env.fromSource(
                clicksSource,
                WatermarkStrategy.<ClickEvent>forMonotonousTimestamps() // expect: FLK004, FLK004
                        .withTimestampAssigner((click, ts) -> click.getTimestamp()),
                "clicks");

        DataStream<ClickEvent> retries = env.fromSource(
                KafkaSource.<ClickEvent>builder()
                        .setBootstrapServers("kafka:9092")
                        .setTopics("click-retries")
                        .setValueOnlyDeserializer(new ClickDeserializer())
                        .build(),
                PER_PARTITION,
                "click-retries");

        clicks.union(retries).print();
        env.execute("kafka-clicks-job");
    }
}
