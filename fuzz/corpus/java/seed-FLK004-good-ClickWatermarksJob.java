package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickDeserializer;
import com.example.clicks.source.ClickSource;
import com.example.clicks.watermarks.ClickWatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Bounds sized for real disorder, idleness on Kafka, and strategies the file cannot judge. */
public class ClickWatermarksJob {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSource<ClickEvent> clicksSource = KafkaSource.<ClickEvent>builder()
                .setBootstrapServers("kafka:9092")
                .setTopics("clicks")
                .setValueOnlyDeserializer(new ClickDeserializer())
                .build();

        // Enough disorder, and idle partitions are ignored after a minute.
        DataStream<ClickEvent> clicks = env.fromSource(
                clicksSource,
                WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(10))
                        .withTimestampAssigner((click, ts) -> click.getTimestamp())
                        .withIdleness(Duration.ofMinutes(1)),
                "clicks");

        // No event time on this copy, and a generator of our own on that one.
        DataStream<ClickEvent> raw = env.fromSource(clicksSource, WatermarkStrategy.noWatermarks(), "raw-clicks");
        DataStream<ClickEvent> custom = env.fromSource(
                clicksSource, WatermarkStrategy.forGenerator(ctx -> new ClickWatermarkGenerator()), "custom-clicks");

        // A sorted file replay: monotonous timestamps are right, and files have no partitions.
        FileSource<ClickEvent> archive = ClickSource.archive(params.get("archive"));
        DataStream<ClickEvent> replayed = env.fromSource(
                archive, WatermarkStrategy.<ClickEvent>forMonotonousTimestamps(), "archive");

        // The bound comes from the command line, with no default to judge.
        DataStream<ClickEvent> tuned = ClickSource.create(env)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(
                                Duration.ofMillis(params.getLong("disorder.ms"))));

        clicks.union(raw, custom, replayed, tuned).print();
        env.execute("click-watermarks-job");
    }
}
