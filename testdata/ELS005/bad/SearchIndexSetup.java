package com.example.search;

import java.io.IOException;

import org.elasticsearch.client.IndicesClient;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.common.settings.Settings;

/** Creates the document index with the High Level REST Client's indices API. */
public class SearchIndexSetup {

    public void create(IndicesClient indices) throws IOException {
        CreateIndexRequest request = new CreateIndexRequest("documents"); // expect: ELS005
        request.settings(Settings.builder().put("index.number_of_shards", 1));
        indices.create(request, RequestOptions.DEFAULT);
    }
}
