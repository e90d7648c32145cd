package com.example.fraud;

import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Scores card transactions; keyed state per card. */
public class FraudJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(30_000);
        env.getCheckpointConfig().setCheckpointStorage(new JobManagerCheckpointStorage()); // expect: FLK010

        env.fromSequence(1, 1_000).keyBy(n -> n % 64).sum(0).print();
        env.execute("fraud-job");
    }
}
