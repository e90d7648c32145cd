package com.example.jobs;

import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Tuned "for latency": checkpoints every 30 s, half a second apart, three at a time. */
public class CheckpointTuningJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(30_000);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setMinPauseBetweenCheckpoints(500); // expect: FLK005
        checkpoints.setMaxConcurrentCheckpoints(3); // expect: FLK005
        checkpoints.setCheckpointTimeout(600_000);

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("checkpoint-tuning-job");
    }
}
