package com.example.alerts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.elasticsearch6.ElasticsearchSink;
import org.apache.http.HttpHost;

public class LegacyAlertJob {

    private static final int FLUSH_EVERY = 5;

    static void sink(DataStream<Alert> alerts, AlertIndexer indexer) {
        List<HttpHost> hosts = Arrays.asList(HttpHost.create("http://es-1:9200"), HttpHost.create("http://es-2:9200"));
        ElasticsearchSink.Builder<Alert> builder = new ElasticsearchSink.Builder<>(hosts, indexer);
        builder.setBulkFlushMaxActions(FLUSH_EVERY); // expect: ELS006
        alerts.addSink(builder.build());
    }

    /** The Flink 1.5 style configuration map of the first Elasticsearch connectors. */
    static Map<String, String> legacyConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("cluster.name", "alerts");
        config.put("bulk.flush.max.actions", "1"); // expect: ELS006
        return config;
    }
}
