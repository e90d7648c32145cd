package com.example.metrics;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;

/** Talks to one node of the metrics cluster, wired in by address. */
public class MetricsIndexer implements AutoCloseable {

    private final RestHighLevelClient client;

    public MetricsIndexer() {
        client = new RestHighLevelClient(RestClient.builder(
                new HttpHost("10.1.2.3", 9200, "http"))); // expect: ELS003
    }

    public RestHighLevelClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
