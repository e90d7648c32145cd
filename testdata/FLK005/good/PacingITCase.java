package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** MiniCluster test: checkpoints as fast as possible on purpose (test sources are skipped). */
public class PacingITCase {

    public void checkpointsQuickly() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(0);
        env.getCheckpointConfig().setMaxConcurrentCheckpoints(4);
        env.fromSequence(1, 10).print();
        env.execute("pacing-test");
    }
}
