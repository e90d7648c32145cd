package com.example.catalog;

import java.io.IOException;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/** Copies the catalog into a fresh index, one product at a time. */
public class ProductReindexer {

    private final ElasticsearchClient client;
    private final ProductRepository products;

    public ProductReindexer(ElasticsearchClient client, ProductRepository products) {
        this.client = client;
        this.products = products;
    }

    public void reindex(String target) throws IOException {
        List<Product> all = products.findAll();
        for (Product product : all) {
            client.index(i -> i.index(target).id(product.getSku()).document(product)); // expect: ELS001
        }
    }
}
