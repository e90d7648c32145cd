package com.example.totals;

import java.time.Duration;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

public class TtlConfiguredJob {

    public static void main(String[] args) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().setIdleStateRetention(Duration.ofDays(30));
        tEnv.executeSql("INSERT INTO customer_totals "
                + "SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id");
    }
}
