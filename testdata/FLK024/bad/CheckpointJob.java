package com.example.orders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class CheckpointJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300_000);
        env.setParallelism(4);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);
        env.enableCheckpointing(60_000); // expect: FLK024
        env.fromSequence(1, 100).print();
        env.execute("orders");
    }
}
