package com.example.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.ververica.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/** Copies orders from MySQL into the warehouse. */
public class OrdersJdbcJob {

    static final String WAREHOUSE_URL =
            "jdbc:postgresql://warehouse:5432/dw?user=loader&password=s3cr3t-dw"; // expect: SEC001

    public static void main(String[] args) throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("CREATE TABLE orders (id BIGINT, amount DECIMAL(10, 2)) WITH ("
                + "'connector' = 'jdbc', 'url' = 'jdbc:mysql://orders-db:3306/shop', "
                + "'username' = 'reader', 'password' = 's3cr3t-sql')"); // expect: SEC001

        MySqlSource<String> source = MySqlSource.<String>builder()
                .hostname("orders-db")
                .port(3306)
                .databaseList("shop")
                .username("cdc")
                .password("s3cr3t-cdc") // expect: SEC001
                .build();

        JdbcConnectionOptions sink = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl("jdbc:mysql://orders-db:3306/shop")
                .withUsername("writer")
                .withPassword("s3cr3t-writer") // expect: SEC001
                .build();
    }

    static Connection audit() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://audit-db:3306/audit", "auditor", "s3cr3t-audit"); // expect: SEC001
    }
}
