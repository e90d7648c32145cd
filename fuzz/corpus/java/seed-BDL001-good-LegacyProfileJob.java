package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/*
 * bigdata-lint: ignore-file BDL001 -- the suppressions below are for the legacy
 * profile, which enables FLK002 on this module
 */
public class LegacyProfileJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // bigdata-lint: ignore FLK002 -- lateness is handled by the legacy side output
        env.fromSequence(1, 10_000).print();
        env.execute("legacy-profile-job");
    }
}
