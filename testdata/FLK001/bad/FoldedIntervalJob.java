package com.example.jobs;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class FoldedIntervalJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000L * 5, CheckpointingMode.EXACTLY_ONCE); // expect: FLK001, FLK005
        env.setParallelism(4);

        env.fromSequence(1, 10_000).filter(n -> n % 2 == 0).print();
        env.execute("folded-interval-job");
    }
}
