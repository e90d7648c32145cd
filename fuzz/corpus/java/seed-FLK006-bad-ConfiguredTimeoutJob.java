package com.example.jobs;

import java.time.Duration;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfiguredTimeoutJob {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(30)); // expect: FLK006
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // Only the default is known; the job may run with another value (info).
        env.getCheckpointConfig()
                .setCheckpointTimeout(params.getLong("checkpoint.timeout.ms", 20_000L)); // expect: FLK006

        env.fromSequence(1, 1_000).print();
        env.execute("configured-timeout-job");
    }
}
