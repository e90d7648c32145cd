package com.example.fraud;

import java.util.Map;
import java.util.Properties;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

public class ScoringJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "30s");
        conf.setString("state.backend.type", "rocksdb");
        // The job's own parameters and keys handed on to Hadoop.
        conf.setString("scoring.model.path", "s3://models/fraud/v7");
        conf.setString("kafka.bootstrap.servers", "kafka:9092");
        conf.setString("flink.hadoop.dfs.replication", "2");
        conf.setString("metrics.reporter.prom.port", "9250-9260");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.exec.mini-batch.enabled", "true");
        env.configure(Configuration.fromMap(Map.of("pipeline.name", "fraud-scoring")));

        // Not Flink's configuration: Hadoop's, Kafka's and the JVM's.
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        hadoop.set("fs.defaultFS", "hdfs://namenode:8020");
        hadoop.setInt("dfs.replication", 2);
        hadoop.set("execution.checkpointing.intervall", "30s");
        Properties kafka = new Properties();
        kafka.setProperty("bootstrap.servers", "kafka:9092");
        System.setProperty("execution.checkpointing.intervall", "30s");
        // A configuration the file cannot type.
        settings().setString("execution.checkpointing.intervall", "30s");

        env.fromSequence(1, 100).print();
        env.execute("fraud-scoring");
    }

    private static Configuration settings() {
        return new Configuration();
    }
}
