package com.example.jobs;

import java.time.Duration;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class DurationIntervalJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(Duration.ofSeconds(5).toMillis()); // expect: FLK001, FLK005

        env.fromSequence(1, 10_000).print();
        env.execute("duration-interval-job");
    }
}
