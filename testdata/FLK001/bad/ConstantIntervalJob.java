package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConstantIntervalJob {

    /** Checkpoint interval in milliseconds. */
    private static final long CHECKPOINT_INTERVAL_MS = 500;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS); // expect: FLK001, FLK005

        env.fromSequence(1, 10_000).print();
        env.execute("constant-interval-job");
    }
}
