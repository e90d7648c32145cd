package com.example.jobs;

import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class PacedJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(30_000);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setMinPauseBetweenCheckpoints(15_000);
        checkpoints.setMaxConcurrentCheckpoints(1);
        // checkpoints.setMinPauseBetweenCheckpoints(500);

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("paced-job");
    }
}
