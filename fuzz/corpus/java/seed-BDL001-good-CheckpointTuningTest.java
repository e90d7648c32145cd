package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** FLK001 skips test sources by default, so this suppression is for runs that lint tests too. */
class CheckpointTuningTest {

    @Test
    void checkpointsQuickly() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100); // bigdata-lint: ignore FLK001 -- MiniCluster test
        env.fromSequence(1, 10).print();
        env.execute("checkpoint-tuning-test");
    }
}
