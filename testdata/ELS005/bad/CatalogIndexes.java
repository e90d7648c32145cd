package com.example.catalog;

import java.io.IOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;

/** Creates the catalog's indices on start-up, when they are missing. */
public class CatalogIndexes {

    static final String PRODUCTS = "products";

    private final ElasticsearchClient client;

    public CatalogIndexes(ElasticsearchClient client) {
        this.client = client;
    }

    public void ensureProducts() throws IOException {
        if (!client.indices().exists(e -> e.index(PRODUCTS)).value()) {
            client.indices().create(c -> c.index(PRODUCTS)); // expect: ELS005
        }
    }

    public void ensureReviews() throws IOException {
        CreateIndexRequest request = CreateIndexRequest.of(c -> c
                .index("reviews") // expect: ELS005
                .settings(s -> s.numberOfShards("3").numberOfReplicas("1")));
        client.indices().create(request);
    }
}
