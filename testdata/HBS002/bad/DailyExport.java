package com.example.export;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.util.Bytes;

/** Exports one row per day; reconnects to the cluster for every day of the range. */
public class DailyExport {

    private final Configuration conf = HBaseConfiguration.create();

    public void export(List<LocalDate> days, Writer writer) throws IOException {
        for (LocalDate day : days) {
            Connection connection = ConnectionFactory.createConnection(conf); // expect: HBS002
            try {
                Table table = connection.getTable(TableName.valueOf("daily_totals"));
                writer.write(day, table.get(new Get(Bytes.toBytes(day.toString()))));
                table.close();
            } finally {
                connection.close();
            }
        }
    }

    public void exportParallel(List<LocalDate> days, Writer writer) {
        days.forEach(day -> {
            try (Connection connection = ConnectionFactory.createConnection(conf)) { // expect: HBS002
                writer.write(day, connection.getTable(TableName.valueOf("daily_totals"))
                        .get(new Get(Bytes.toBytes(day.toString()))));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void main(String[] args) throws IOException {
        Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create()); // expect: HBS002
        Admin admin = connection.getAdmin();
        System.out.println(admin.tableExists(TableName.valueOf("daily_totals")));
        admin.close();
    }
}
