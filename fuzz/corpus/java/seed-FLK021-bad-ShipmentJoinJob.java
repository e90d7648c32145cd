package com.example.shipments;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

public class ShipmentJoinJob {

    private static final String SHIPPED_ORDERS = """
            INSERT INTO shipped_orders
            SELECT o.order_id, o.amount, s.carrier
            FROM orders o
            JOIN shipments s ON o.order_id = s.order_id -- expect: FLK021
            """;

    public static void main(String[] args) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("CREATE TABLE orders (order_id STRING, amount DOUBLE) "
                + "WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json')");
        tEnv.executeSql("CREATE TABLE shipments (order_id STRING, carrier STRING) "
                + "WITH ('connector' = 'kafka', 'topic' = 'shipments', 'format' = 'json')");
        tEnv.executeSql(SHIPPED_ORDERS);
        tEnv.executeSql("INSERT INTO carrier_counts SELECT carrier, COUNT(*) FROM shipments "
                + "GROUP BY carrier");
    }
}
