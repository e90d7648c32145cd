package com.example.catalog;

import javax.annotation.PreDestroy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** The Java API Client and the low-level client under it, closed when the bean goes away. */
public class CatalogSearch {

    private final RestClient restClient;
    private final ElasticsearchClient client;

    public CatalogSearch(String[] hosts) {
        HttpHost[] nodes = new HttpHost[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            nodes[i] = HttpHost.create(hosts[i]);
        }
        restClient = RestClient.builder(nodes).build();
        client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    public ElasticsearchClient client() {
        return client;
    }

    @PreDestroy
    public void shutdown() throws Exception {
        restClient.close();
    }
}
