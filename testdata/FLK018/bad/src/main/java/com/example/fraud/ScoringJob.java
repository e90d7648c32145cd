package com.example.fraud;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;

public class ScoringJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("state.backend", "rocksdb"); // expect: FLK018
        // Both spellings, with different values: which one wins?
        conf.setBoolean("state.backend.incremental", true); // expect: FLK018
        conf.setString("execution.checkpointing.incremental", "false");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(1, 100).print();
        env.execute("fraud-scoring");
    }

    static void tune(TableEnvironment tEnv) {
        tEnv.getConfig().set("state.savepoints.dir", "s3://savepoints/fraud"); // expect: FLK018
    }
}
