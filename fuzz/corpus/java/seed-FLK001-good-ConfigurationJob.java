package com.example.jobs;

import java.time.Duration;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfigurationJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(3));

        Configuration legacy = new Configuration();
        legacy.setString("execution.checkpointing.interval", "3min");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(1, 10_000).print();
        env.execute("configuration-job");
    }
}
