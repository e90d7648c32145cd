package com.example.orders;

import java.io.IOException;

import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.springframework.stereotype.Service;

/** Indexes an order when it is placed: one request per call, not per record of a stream. */
@Service
public class OrderService {

    private final RestHighLevelClient client;
    private final SearchIndex searchIndex;

    public OrderService(RestHighLevelClient client, SearchIndex searchIndex) {
        this.client = client;
        this.searchIndex = searchIndex;
    }

    public void process(Order order) throws IOException {
        client.index(new IndexRequest("orders").id(order.getId()).source(order.toMap()), RequestOptions.DEFAULT);
    }

    public void reindexLocally(Iterable<Order> orders) {
        for (Order order : orders) {
            // An own class with an index method is not an Elasticsearch client.
            searchIndex.index(order, RequestOptions.DEFAULT);
        }
    }
}
