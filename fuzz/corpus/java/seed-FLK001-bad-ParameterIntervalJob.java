package com.example.jobs;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The interval comes from the command line; only its default is known (reported as info). */
public class ParameterIntervalJob {

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(params.getLong("checkpoint.interval.ms", 2_000L)); // expect: FLK001, FLK005

        env.fromSequence(1, 10_000).print();
        env.execute("parameter-interval-job");
    }
}
