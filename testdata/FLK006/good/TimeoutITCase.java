package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** MiniCluster test: a checkpoint that expires on purpose (test sources are skipped). */
public class TimeoutITCase {

    public void expiredCheckpointFailsTheJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.getCheckpointConfig().setCheckpointTimeout(50);
        env.fromSequence(1, 10).print();
        env.execute("timeout-test");
    }
}
