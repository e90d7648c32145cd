package com.example.jobs;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/** A Table API job that configures its session with SQL statements, as the SQL client does. */
public class SqlSettingsJob {

    public static void main(String[] args) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("SET 'execution.checkpointing.interval' = '1s'"); // expect: FLK001, FLK005
        tEnv.executeSql("CREATE TABLE orders (id BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'datagen')");
        tEnv.executeSql("CREATE TABLE totals (amount DECIMAL(10, 2)) WITH ('connector' = 'blackhole')");
        tEnv.executeSql("INSERT INTO totals SELECT SUM(amount) FROM orders");
    }
}
