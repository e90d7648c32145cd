package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Profiles the checkpoint path itself, so it checkpoints far more often than a real job. */
public class ProfilingJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // bigdata-lint: ignore FLK001, FLK005 -- profiling run on a laptop, state is a few kilobytes
        env.enableCheckpointing(1000);
        env.getCheckpointConfig().setCheckpointInterval(2_000); // bigdata-lint: ignore FLK001, FLK005 -- same

        /* bigdata-lint: ignore FLK001, FLK005 */ env.getCheckpointConfig().setCheckpointInterval(500);

        env.fromSequence(1, 1_000).print();
        env.execute("profiling-job");
    }
}
