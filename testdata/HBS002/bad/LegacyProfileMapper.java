package com.example.profiles;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.HConnection;
import org.apache.hadoop.hbase.client.HConnectionManager;
import org.apache.hadoop.hbase.client.HTableInterface;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/** Looks up a profile per event with the pre-1.0 client. */
public class LegacyProfileMapper extends RichMapFunction<Event, Profile> {

    @Override
    public Profile map(Event event) throws Exception {
        HConnection connection =
                HConnectionManager.createConnection(HBaseConfiguration.create()); // expect: HBS002
        HTableInterface table = connection.getTable("profiles");
        try {
            Result result = table.get(new Get(Bytes.toBytes(event.getUserId())));
            return Profile.from(result);
        } finally {
            table.close();
            connection.close();
        }
    }
}
