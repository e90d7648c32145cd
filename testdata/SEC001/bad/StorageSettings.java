package com.example.lake;

import java.util.Properties;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.hadoop.conf.Configuration;

/** Storage and Kafka client settings of the lake ingestion job. */
public final class StorageSettings {

    private StorageSettings() {
    }

    public static Configuration hadoop() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "https://s3.eu-west-1.amazonaws.com");
        conf.set("fs.s3a.access.key", "AKIAS3CR3TACCESSKEY1"); // expect: SEC001
        return conf;
    }

    public static Properties kafka(ParameterTool params) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", params.getRequired("brokers"));
        props.setProperty("security.protocol", "SASL_SSL");
        props.setProperty("sasl.mechanism", "PLAIN");
        props.setProperty("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " // no secret here
                        + "username=\"ingest\" password=\"s3cr3t-kafka\";"); // expect: SEC001
        props.setProperty("ssl.truststore.password", params.get("truststore.password", "s3cr3t-default")); // expect: SEC001
        return props;
    }
}
