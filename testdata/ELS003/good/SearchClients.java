package com.example.search;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;

/** One client for the whole process, kept in a static field. */
public final class SearchClients {

    private static final RestHighLevelClient SHARED = new RestHighLevelClient(
            RestClient.builder(HttpHost.create(System.getenv("ES_URL"))));

    private SearchClients() {
    }

    public static RestHighLevelClient shared() {
        return SHARED;
    }

    /** A process function that only reads the shared client. */
    static void process(String record) throws Exception {
        shared().ping(org.elasticsearch.client.RequestOptions.DEFAULT);
    }
}
