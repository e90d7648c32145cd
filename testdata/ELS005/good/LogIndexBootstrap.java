package com.example.logs;

import java.io.IOException;
import java.util.List;

import org.elasticsearch.action.admin.indices.alias.Alias;
import org.elasticsearch.client.IndicesClient;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.client.indices.PutIndexTemplateRequest;

/** Puts the logs template, then bootstraps the rollover alias. The template holds the mapping. */
public class LogIndexBootstrap {

    public void template(IndicesClient indices, String mapping) throws IOException {
        PutIndexTemplateRequest template = new PutIndexTemplateRequest("logs")
                .patterns(List.of("logs-*"))
                .mapping(mapping, org.elasticsearch.common.xcontent.XContentType.JSON);
        indices.putTemplate(template, RequestOptions.DEFAULT);
    }

    public void daily(IndicesClient indices) throws IOException {
        indices.create(new CreateIndexRequest("logs-daily"), RequestOptions.DEFAULT);
    }
}
