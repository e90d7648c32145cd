package com.example.search;

import java.io.IOException;

import org.elasticsearch.action.admin.indices.alias.Alias;
import org.elasticsearch.client.IndicesClient;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.indices.CreateIndexRequest;

/** Requests that leave this file, or that templates map. */
public class IndexFactory {

    /** Built here, sent by the caller, which may add a mapping first. */
    public CreateIndexRequest documents() {
        return new CreateIndexRequest("documents");
    }

    /** Handed to a helper before it is sent. */
    public void events(IndicesClient indices) throws IOException {
        CreateIndexRequest request = new CreateIndexRequest("events");
        Mappings.apply(request);
        indices.create(request, RequestOptions.DEFAULT);
    }

    /** The first index of a rollover alias. */
    public void metrics(IndicesClient indices) throws IOException {
        indices.create(new CreateIndexRequest("metrics-000001"), RequestOptions.DEFAULT);
    }

    /** Behind an alias. */
    public void orders(IndicesClient indices) throws IOException {
        CreateIndexRequest request = new CreateIndexRequest("orders-v2");
        request.alias(new Alias("orders"));
        indices.create(request, RequestOptions.DEFAULT);
    }

    /** Date math. */
    public void daily(IndicesClient indices) throws IOException {
        indices.create(new CreateIndexRequest("<audit-{now/d}>"), RequestOptions.DEFAULT);
    }
}
