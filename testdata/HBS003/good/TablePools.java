package com.example.pools;

import com.example.hbase.HTableInterface;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;

/** Own classes that happen to carry the old HBase names. */
public class TablePools {

    static final class HTablePool {
        private final Connection connection;

        HTablePool(Connection connection) {
            this.connection = connection;
        }

        HTableInterface get(String name) {
            return () -> TableName.valueOf(name);
        }
    }

    private final HTablePool pool;

    public TablePools(Connection connection) {
        this.pool = new HTablePool(connection);
    }

    public HTableInterface orders() {
        String HConnectionManager = "not a class";
        System.out.println(HConnectionManager.length());
        return pool.get("orders");
    }
}
