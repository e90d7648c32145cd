package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// bigdata-lint: ignore-file FLK001, FLK005 -- replays a few minutes of events; reviewed in OPS-2211

public class ReplayJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000);
        env.getCheckpointConfig().setCheckpointInterval(5_000);
        env.fromSequence(1, 10_000).print();
        env.execute("replay-job");
    }
}
