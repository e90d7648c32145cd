package com.example.audit;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.http.HttpHost;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

/** Buffers audit events and writes them in bulk. */
public class BulkAuditSink extends RichSinkFunction<AuditEvent> {

    private static final long serialVersionUID = 1L;
    private static final int BATCH = 500;

    private final String[] hosts;
    private transient RestHighLevelClient client;
    private transient List<AuditEvent> buffer;

    public BulkAuditSink(String[] hosts) {
        this.hosts = hosts;
    }

    @Override
    public void open(Configuration parameters) {
        HttpHost[] nodes = new HttpHost[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            nodes[i] = HttpHost.create(hosts[i]);
        }
        client = new RestHighLevelClient(RestClient.builder(nodes));
        buffer = new ArrayList<>();
    }

    @Override
    public void invoke(AuditEvent event, Context context) throws Exception {
        buffer.add(event);
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    private void flush() throws Exception {
        BulkRequest bulk = new BulkRequest();
        for (AuditEvent event : buffer) {
            bulk.add(new IndexRequest("audit").id(event.getId()).source(event.toJson(), XContentType.JSON));
        }
        client.bulk(bulk, RequestOptions.DEFAULT);
        buffer.clear();
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            flush();
            client.close();
        }
    }
}
