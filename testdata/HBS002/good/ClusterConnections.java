package com.example.infra;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Table;

/** Connections that outlive the loop that creates them, and short-lived ones that are closed. */
public class ClusterConnections implements AutoCloseable {

    private static final Connection SHARED;

    static {
        try {
            SHARED = ConnectionFactory.createConnection(HBaseConfiguration.create());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<String, Connection> byCluster = new HashMap<>();

    /** One connection per cluster, kept for the life of this object. */
    public ClusterConnections(List<Configuration> clusters) throws IOException {
        for (Configuration cluster : clusters) {
            byCluster.put(cluster.get("hbase.zookeeper.quorum"), ConnectionFactory.createConnection(cluster));
        }
    }

    /** Retries the first connection; the loop ends once one is made. */
    public static Connection connectWithRetry(Configuration conf) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return ConnectionFactory.createConnection(conf);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A one-off check owns its connection and closes it. */
    public static boolean reachable(Configuration conf) {
        try (Connection connection = ConnectionFactory.createConnection(conf);
             Table table = connection.getTable(TableName.valueOf("health"))) {
            return table.exists(new org.apache.hadoop.hbase.client.Get(new byte[] {0}));
        } catch (IOException e) {
            return false;
        }
    }

    public static Connection shared() {
        return SHARED;
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : byCluster.values()) {
            connection.close();
        }
    }
}
