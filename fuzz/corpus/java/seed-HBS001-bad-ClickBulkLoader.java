package com.example.clicks;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.util.Bytes;

/** Loads a day of click events in one batch. */
public class ClickBulkLoader {

    public void load(List<String[]> rows) throws IOException {
        try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create())) {
            BufferedMutatorParams params = new BufferedMutatorParams(TableName.valueOf("clicks"))
                    .writeBufferSize(4 * 1024 * 1024);
            BufferedMutator mutator = connection.getBufferedMutator(params); // expect: HBS001
            for (String[] row : rows) {
                Put put = new Put(Bytes.toBytes(row[0]));
                put.addColumn(Bytes.toBytes("c"), Bytes.toBytes("url"), Bytes.toBytes(row[1]));
                mutator.mutate(put);
            }
            mutator.flush();
        }
    }
}
