package com.example.jobs;

import java.time.Duration;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class TimeoutJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(120_000);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(60_000);
        env.getCheckpointConfig().setCheckpointTimeout(Duration.ofMinutes(15).toMillis());
        // env.getCheckpointConfig().setCheckpointTimeout(10_000);

        env.fromSequence(1, 1_000_000).print();
        env.execute("timeout-job");
    }
}
