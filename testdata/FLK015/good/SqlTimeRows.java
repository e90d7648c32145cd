package com.example.jdbc;

import java.sql.Time;

import org.apache.flink.api.common.time.Deadline;

/** `java.sql.Time` and Flink's `Deadline` (which Flink 2.0 keeps) are not Flink's `Time`. */
public class SqlTimeRows {
    Time opening = Time.valueOf("09:00:00");

    boolean late(Deadline deadline) {
        return !deadline.hasTimeLeft();
    }
}
