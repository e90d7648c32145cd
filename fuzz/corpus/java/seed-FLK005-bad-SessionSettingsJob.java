package com.example.jobs;

import java.time.Duration;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/** A Table API job that sets its checkpointing through the configuration and SQL. */
public class SessionSettingsJob {

    public static void main(String[] args) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(20));
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ZERO); // expect: FLK005
        TableEnvironment tEnv = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        tEnv.executeSql("SET 'execution.checkpointing.max-concurrent-checkpoints' = '2'"); // expect: FLK005
        tEnv.executeSql("INSERT INTO totals SELECT SUM(amount) FROM orders");
    }
}
