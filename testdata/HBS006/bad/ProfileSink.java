package com.example.profiles;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Reads and writes one profile per event: one round trip each way per record. */
public class ProfileSink extends ProcessFunction<Event, Profile> {

    private transient Connection connection;
    private transient Table profiles;

    @Override
    public void open(Configuration parameters) throws Exception {
        connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        profiles = connection.getTable(TableName.valueOf("profiles"));
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Profile> out) throws Exception {
        Result current = profiles.get(new Get(Bytes.toBytes(event.getUserId()))); // expect: HBS006
        Profile updated = Profile.from(current).apply(event);
        profiles.put(toPut(updated)); // expect: HBS006
        out.collect(updated);
    }

    private Put toPut(Profile profile) {
        return new Put(Bytes.toBytes(profile.getUserId()))
                .addColumn(Bytes.toBytes("p"), Bytes.toBytes("json"), Bytes.toBytes(profile.toJson()));
    }

    @Override
    public void close() throws Exception {
        if (profiles != null) {
            profiles.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
