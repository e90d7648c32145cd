package com.example.jobs;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/** SQL that mentions the interval without setting it to a short value. */
public class SqlSettingsJob {

    public static void main(String[] args) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql("SET 'execution.checkpointing.interval' = '3min'");
        // A query that only quotes the key: not a SET statement.
        tEnv.executeSql("SELECT 'execution.checkpointing.interval = 1s' AS note");
        // An in-house audit log that happens to have a method of the same name.
        AuditLog audit = new AuditLog();
        audit.executeSql("SET 'execution.checkpointing.interval' = '1s'");
    }

    static final class AuditLog {
        void executeSql(String statement) {
            System.out.println(statement);
        }
    }
}
