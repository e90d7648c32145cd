package com.example.totals;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

class CustomerTotalsJobTest {

    @Test
    void aggregatesPerCustomer() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id");
    }
}
