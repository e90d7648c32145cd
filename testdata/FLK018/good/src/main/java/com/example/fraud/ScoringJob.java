package com.example.fraud;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;

public class ScoringJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        // Hadoop's configuration has keys of the same spelling.
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        hadoop.set("state.backend", "rocksdb");
        env.fromSequence(1, 100).print();
        env.execute("fraud-scoring");
    }

    static void tune(TableEnvironment tEnv) {
        tEnv.getConfig().set("execution.checkpointing.savepoint-dir", "s3://savepoints/fraud");
    }
}
