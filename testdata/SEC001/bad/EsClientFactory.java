package com.example.search;

import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;

/** Builds the REST client of the search sink. */
public final class EsClientFactory {

    private EsClientFactory() {
    }

    public static RestClient create() {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
                AuthScope.ANY,
                new UsernamePasswordCredentials("elastic", "s3cr3t-elastic")); // expect: SEC001
        return RestClient.builder(new HttpHost("es.internal", 9200, "https"))
                .setHttpClientConfigCallback(b -> b.setDefaultCredentialsProvider(credentials))
                .build();
    }

    public static RestClient createForAudit() {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
                AuthScope.ANY,
                new UsernamePasswordCredentials(
                        "audit-writer", // expect: SEC001
                        System.getenv("ES_AUDIT_PASSWORD")));
        return RestClient.builder(new HttpHost("es.internal", 9200, "https"))
                .setHttpClientConfigCallback(b -> b.setDefaultCredentialsProvider(credentials))
                .build();
    }
}
