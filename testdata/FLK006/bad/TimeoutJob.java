package com.example.jobs;

import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpoints every two minutes but gives each one only ten seconds. */
public class TimeoutJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(120_000);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setMinPauseBetweenCheckpoints(60_000);
        checkpoints.setCheckpointTimeout(10_000); // expect: FLK006

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("timeout-job");
    }
}
