package com.example.fraud;

import java.util.Map;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

public class ScoringJob {

    private static final String INTERVAL_KEY = "execution.checkpointing.intervall";

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        // A misspelt key: checkpointing stays off.
        conf.setString(INTERVAL_KEY, "30s"); // expect: FLK020
        // Removed in Flink 2.0.
        conf.setInteger("taskmanager.network.numberOfBuffers", 4096); // expect: FLK020
        // The job's own parameters, handed to the operators.
        conf.setString("scoring.model.path", "s3://models/fraud/v7");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.exec.mini-batch.enabeld", "true"); // expect: FLK020
        tEnv.getConfig().getConfiguration().setString("table.exec.state.ttl", "1 d");

        var defaults = Configuration.fromMap(Map.of(
                "pipeline.nmae", "fraud-scoring", // expect: FLK020
                "pipeline.max-parallelism", "128"));
        env.configure(defaults);

        env.fromSequence(1, 100).print();
        env.execute("fraud-scoring");
    }
}
