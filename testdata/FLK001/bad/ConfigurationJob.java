package com.example.jobs;

import java.time.Duration;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfigurationJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(args.length > 0 ? typed() : legacy());
        env.fromSequence(1, 10_000).print();
        env.execute("configuration-job");
    }

    static Configuration legacy() {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "5 s"); // expect: FLK001, FLK005
        return conf;
    }

    static Configuration typed() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1)); // expect: FLK001, FLK005
        return conf;
    }
}
