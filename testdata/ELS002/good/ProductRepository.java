package com.example.catalog;

import java.io.IOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;

/** Product documents with the Java API Client: no mapping types, no deprecated client. */
public class ProductRepository {

    private final ElasticsearchClient client;

    public ProductRepository(ElasticsearchClient client) {
        this.client = client;
    }

    public void save(Product product) throws IOException {
        client.index(i -> i.index("products").id(product.getId()).document(product));
    }

    public Product load(String id) throws IOException {
        GetResponse<Product> response = client.get(g -> g.index("products").id(id), Product.class);
        return response.source();
    }
}
