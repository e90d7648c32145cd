package com.example;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;

/** A test against a local mini cluster: a local quorum is the point. */
public class OrdersSinkTest {

    Configuration local() {
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", "localhost");
        return conf;
    }
}
