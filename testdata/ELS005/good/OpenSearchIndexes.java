package com.example.search;

import java.io.IOException;

import org.opensearch.client.IndicesClient;
import org.opensearch.client.RequestOptions;
import org.opensearch.client.indices.CreateIndexRequest;

/** OpenSearch's client has the same classes in another package. */
public class OpenSearchIndexes {

    public void create(IndicesClient indices) throws IOException {
        indices.create(new CreateIndexRequest("documents"), RequestOptions.DEFAULT);
    }
}
