package com.example.flink;

import java.util.concurrent.CompletableFuture;

import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.AsyncTable;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;

/** HBase is on the classpath, but these receivers are not an HBase Connection. */
public class CatalogLookup {

    private final Catalog catalog;
    private final AsyncConnection async;

    public CatalogLookup(Catalog catalog, AsyncConnection async) {
        this.catalog = catalog;
        this.async = async;
    }

    public CatalogBaseTable describe(String database, String table) throws Exception {
        return catalog.getTable(new ObjectPath(database, table));
    }

    public CompletableFuture<Result> lookup(byte[] row) {
        AsyncTable<?> table = async.getTable(TableName.valueOf("lookup"));
        return table.get(new Get(row));
    }
}
