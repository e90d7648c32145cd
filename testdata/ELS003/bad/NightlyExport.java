package com.example.reports;

import java.io.IOException;

import org.apache.http.HttpHost;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;

/** Exports yesterday's report; the client it opens is never released. */
public class NightlyExport {

    private final ReportWriter writer;

    public NightlyExport(ReportWriter writer) {
        this.writer = writer;
    }

    public void run(String endpoint) throws IOException {
        RestHighLevelClient client = new RestHighLevelClient(RestClient.builder(HttpHost.create(endpoint))); // expect: ELS003
        SearchResponse response = client.search(new SearchRequest("reports"), RequestOptions.DEFAULT);
        writer.write(response);
    }
}
