package com.example.legacy;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.HBaseAdmin;
import org.apache.hadoop.hbase.client.HTable;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;

/** Old nightly report, written against the HBase 0.98 client API. */
public class LegacyScanJob {

    public static void main(String[] args) throws IOException {
        Configuration conf = HBaseConfiguration.create();
        if (!new HBaseAdmin(conf).tableExists("metrics")) { // expect: HBS001
            return;
        }
        HTable table = new HTable(conf, "metrics"); // expect: HBS001
        ResultScanner scanner = table.getScanner(new Scan());
        try {
            for (Result result : scanner) {
                System.out.println(result);
            }
        } finally {
            scanner.close();
        }
    }
}
