package com.example.lake;

import org.apache.hadoop.hbase.util.Bytes;

/** Not HBase: a table catalog of another system with its own createTable. */
public class CatalogTables {

    private final Catalog catalog;

    public CatalogTables(Catalog catalog) {
        this.catalog = catalog;
    }

    public void register(String name, Schema schema) {
        catalog.createTable(Identifier.of(name), schema);
        catalog().createTable(Identifier.of(Bytes.toString(Bytes.toBytes(name))), schema);
    }

    private Catalog catalog() {
        return catalog;
    }
}
