package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickDeserializer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** The source declares 10 s of disorder, but windows keep only 2 s of lateness. */
public class WatermarkBoundJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSource<ClickEvent> source = KafkaSource.<ClickEvent>builder()
                .setBootstrapServers("kafka:9092")
                .setTopics("clicks")
                .setGroupId("click-counter")
                .setStartingOffsets(OffsetsInitializer.committedOffsets())
                .setValueOnlyDeserializer(new ClickDeserializer())
                .build();
        env.setMaxParallelism(720);
        env.fromSource(
                        source,
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(10))
                                .withTimestampAssigner((click, ts) -> click.getTimestamp())
                                .withIdleness(Duration.ofMinutes(1)),
                        "clicks").uid("clicks-source")
                .keyBy(ClickEvent::getPage)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofSeconds(2)) // expect: FLK002
                .sum("count").uid("clicks-per-page")
                .print();

        env.execute("watermark-bound-job");
    }
}
