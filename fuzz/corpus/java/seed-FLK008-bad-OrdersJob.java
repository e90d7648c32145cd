package com.example.orders;

import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Aggregates orders per customer; its state is only in the checkpoints. */
public class OrdersJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setExternalizedCheckpointRetention(
                ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION); // expect: FLK008

        env.fromSequence(1, 1_000_000).keyBy(n -> n % 16).sum(0).print();
        env.execute("orders-job");
    }
}
