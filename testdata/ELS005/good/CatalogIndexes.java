package com.example.catalog;

import java.io.IOException;
import java.io.InputStream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/** Creates the catalog's indices with their mappings. */
public class CatalogIndexes {

    private final ElasticsearchClient client;

    public CatalogIndexes(ElasticsearchClient client) {
        this.client = client;
    }

    public void ensureProducts() throws IOException {
        client.indices().create(c -> c
                .index("products")
                .mappings(m -> m
                        .properties("sku", p -> p.keyword(k -> k))
                        .properties("price", p -> p.double_(d -> d))));
    }

    public void ensureReviews() throws IOException {
        try (InputStream body = CatalogIndexes.class.getResourceAsStream("/es/reviews.json")) {
            client.indices().create(c -> c.index("reviews").withJson(body));
        }
    }

    /** The name comes from the caller: nothing to tell. */
    public void ensure(String index) throws IOException {
        client.indices().create(c -> c.index(index));
    }

    /** A block body is not followed. */
    public void ensureTags() throws IOException {
        client.indices().create(c -> {
            c.index("tags");
            return c;
        });
    }
}
