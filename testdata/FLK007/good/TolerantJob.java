package com.example.jobs;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class TolerantJob {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(120_000);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(60_000);
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(3);
        // Only known at run time.
        env.getCheckpointConfig()
                .setTolerableCheckpointFailureNumber(params.getInt("tolerable.failures"));
        // Deprecated, but tolerates failures: another rule's business.
        env.getCheckpointConfig().setFailOnCheckpointingErrors(false);

        env.fromSequence(1, 1_000).print();
        env.execute("tolerant-job");
    }
}
