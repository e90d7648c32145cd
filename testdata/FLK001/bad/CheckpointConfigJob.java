package com.example.jobs;

import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class CheckpointConfigJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getCheckpointConfig().setCheckpointInterval(3_000); // expect: FLK001
        tune(env.getCheckpointConfig());

        env.fromSequence(1, 10_000).print();
        env.execute("checkpoint-config-job");
    }

    static void tune(CheckpointConfig config) {
        config.setCheckpointInterval(750); // expect: FLK001
        config.setMinPauseBetweenCheckpoints(500); // expect: FLK005
        config.setCheckpointTimeout(60_000);
    }
}
