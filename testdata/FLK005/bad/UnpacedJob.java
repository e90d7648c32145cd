package com.example.jobs;

import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpoints every 15 s and never pauses between them. */
public class UnpacedJob {

    private static final long CHECKPOINT_INTERVAL_MS = TimeUnit.SECONDS.toMillis(15);

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS); // expect: FLK005

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("unpaced-job");
    }
}
