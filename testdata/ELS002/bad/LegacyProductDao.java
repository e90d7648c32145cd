package com.example.catalog;

import java.io.IOException;
import java.util.Map;

import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Requests;
import org.elasticsearch.client.RestHighLevelClient; // expect: ELS002

/** Product documents on the 6.x cluster, still written with mapping types. */
public class LegacyProductDao {

    private static final String INDEX = "products";
    private static final String TYPE = "product";

    private final RestHighLevelClient client;

    public LegacyProductDao(RestHighLevelClient client) {
        this.client = client;
    }

    public void save(String id, Map<String, Object> product) throws IOException {
        IndexRequest request = new IndexRequest(INDEX, TYPE, id).source(product); // expect: ELS002
        client.index(request, RequestOptions.DEFAULT);
    }

    public void saveAll(Map<String, Map<String, Object>> products) {
        products.forEach((id, product) -> {
            IndexRequest request = Requests.indexRequest()
                    .index(INDEX)
                    .type(TYPE) // expect: ELS002
                    .id(id)
                    .source(product);
            send(request);
        });
    }

    public Map<String, Object> load(String id) throws IOException {
        return client.get(new GetRequest(INDEX, id), RequestOptions.DEFAULT).getSourceAsMap();
    }

    private void send(IndexRequest request) {
    }
}
