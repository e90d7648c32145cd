package com.example.ops;

import java.io.IOException;

import javax.annotation.PreDestroy;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;

/** A long-lived service bean: its Admin lives as long as the bean and dies with it. */
public class RegionReportService {

    private final Admin admin;

    public RegionReportService(Connection connection) throws IOException {
        this.admin = connection.getAdmin();
    }

    public int regionCount(String table) throws IOException {
        return admin.getRegions(TableName.valueOf(table)).size();
    }

    @PreDestroy
    void release() throws IOException {
        admin.close();
    }
}
