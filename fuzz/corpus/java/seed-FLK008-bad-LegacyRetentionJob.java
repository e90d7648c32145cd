package com.example.orders;

import org.apache.flink.streaming.api.environment.CheckpointConfig.ExternalizedCheckpointCleanup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Written for Flink 1.12: the enumeration and the setter are gone in Flink 2.0. */
public class LegacyRetentionJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300_000);
        env.getCheckpointConfig()
                .enableExternalizedCheckpoints(ExternalizedCheckpointCleanup.DELETE_ON_CANCELLATION); // expect: FLK008

        env.fromSequence(1, 1_000).print();
        env.execute("legacy-retention-job");
    }
}
