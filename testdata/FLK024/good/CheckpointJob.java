package com.example.orders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class CheckpointJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (args.length > 0 && args[0].equals("--fast")) {
            env.enableCheckpointing(60_000);
        } else {
            env.enableCheckpointing(300_000);
        }
        env.enableCheckpointing(300_000);
        env.enableCheckpointing(300_000);
        env.fromSequence(1, 100).print();
        env.execute("orders");
    }
}
