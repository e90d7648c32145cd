package com.example.orders;

import java.util.Properties;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;

/** Reads the quorum from the environment, never from a literal. */
public class OrdersLookup {

    static Configuration fromEnvironment() {
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", System.getenv("HBASE_ZK_QUORUM"));
        return conf;
    }

    static Configuration fromArgs(String[] args) {
        ParameterTool params = ParameterTool.fromArgs(args);
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", params.get("zk", "localhost"));
        conf.set("hbase.zookeeper.quorum", "${zk.quorum}");
        return conf;
    }

    static Properties forKafkaConnect() {
        // Not a Hadoop Configuration: a properties file for another process.
        Properties props = new Properties();
        props.setProperty("hbase.zookeeper.quorum", "10.12.0.11");
        return props;
    }

    static void flinkOptions(org.apache.flink.configuration.Configuration flink) {
        flink.setString("hbase.zookeeper.quorum", "10.12.0.11");
    }
}
