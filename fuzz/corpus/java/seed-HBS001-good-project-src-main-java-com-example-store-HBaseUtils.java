package com.example.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Despite its name, a JDBC helper: its connection is not an HBase one. */
public final class HBaseUtils {

    private HBaseUtils() {}

    public static Connection getConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:phoenix:zk1:2181");
    }
}
