package com.example.jobs;

import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Restarts on the first checkpoint that fails or expires. */
public class FailFastJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(120_000);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setMinPauseBetweenCheckpoints(60_000);
        checkpoints.setTolerableCheckpointFailureNumber(0); // expect: FLK007

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("fail-fast-job");
    }
}
