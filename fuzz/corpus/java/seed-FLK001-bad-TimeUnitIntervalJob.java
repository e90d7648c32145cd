package com.example.jobs;

import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class TimeUnitIntervalJob {

    public static void main(String[] args) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2)
                .enableCheckpointing(TimeUnit.SECONDS.toMillis(2)); // expect: FLK001, FLK005

        env.fromSequence(1, 10_000).print();
        env.execute("time-unit-interval-job");
    }
}
