package com.example.jobs;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The pause comes from a helper and the command line: nothing is provably missing. */
public class SharedCheckpointSettings {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(20_000);
        applyPause(env, params.getLong("checkpoint.pause.ms"));
        env.fromSequence(1, 1_000).print();
        env.execute("shared-settings-job");
    }

    static void applyPause(StreamExecutionEnvironment env, long pauseMs) {
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(pauseMs);
    }
}
