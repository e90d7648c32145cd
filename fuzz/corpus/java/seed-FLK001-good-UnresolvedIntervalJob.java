package com.example.jobs;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The interval is only known at run time: nothing to prove here. */
public class UnresolvedIntervalJob {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(params.getLong("checkpoint.interval.ms"));
        env.getCheckpointConfig().setCheckpointInterval(intervalFromEnvironment());

        env.fromSequence(1, 10_000).print();
        env.execute("unresolved-interval-job");
    }

    static long intervalFromEnvironment() {
        String value = System.getenv("CHECKPOINT_INTERVAL_MS");
        return value == null ? 120_000 : Long.parseLong(value);
    }
}
