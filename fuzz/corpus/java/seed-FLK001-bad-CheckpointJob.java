package com.example.jobs;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Counts orders; checkpoints every second, far too often for its RocksDB state. */
public class CheckpointJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000); // expect: FLK001, FLK005
        env.setMaxParallelism(720);
        env.fromSequence(1, 1_000_000)
                .map((MapFunction<Long, Long>) id -> id % 100)
                .keyBy(bucket -> bucket)
                .sum(0).uid("bucket-counts")
                .print();

        env.execute("checkpoint-job");
    }
}
