package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** MiniCluster test: fails fast on purpose (test sources are skipped). */
public class FailureHandlingITCase {

    public void failsOnFirstCheckpointFailure() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);
        env.fromSequence(1, 10).print();
        env.execute("failure-handling-test");
    }
}
