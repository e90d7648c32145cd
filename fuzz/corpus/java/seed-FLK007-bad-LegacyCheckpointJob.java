package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Written for Flink 1.9: the flag is deprecated, and gone in Flink 2.0. */
public class LegacyCheckpointJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300_000);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(60_000);
        env.getCheckpointConfig().setFailOnCheckpointingErrors(true); // expect: FLK007

        env.fromSequence(1, 1_000).print();
        env.execute("legacy-checkpoint-job");
    }
}
