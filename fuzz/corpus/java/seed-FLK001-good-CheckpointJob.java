package com.example.jobs;

import java.time.Duration;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class CheckpointJob {

    private static final long CHECKPOINT_INTERVAL_MS = 60_000;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS, CheckpointingMode.EXACTLY_ONCE);
        // env.enableCheckpointing(1000);
        /* Too aggressive for production:
           env.enableCheckpointing(1000);
         */
        /** env.enableCheckpointing(1000); */
        env.getCheckpointConfig().setCheckpointInterval(Duration.ofMinutes(3).toMillis());
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);

        env.fromSequence(1, 1_000_000).print();
        env.execute("checkpoint-job");
    }
}
