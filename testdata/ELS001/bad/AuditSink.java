package com.example.audit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.http.HttpHost;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

/** Writes every audit event to Elasticsearch as soon as it arrives. */
public class AuditSink extends RichSinkFunction<AuditEvent> {

    private static final long serialVersionUID = 1L;

    private final String[] hosts;
    private transient RestHighLevelClient client;

    public AuditSink(String[] hosts) {
        this.hosts = hosts;
    }

    @Override
    public void open(Configuration parameters) {
        HttpHost[] nodes = new HttpHost[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            nodes[i] = HttpHost.create(hosts[i]);
        }
        client = new RestHighLevelClient(RestClient.builder(nodes));
    }

    @Override
    public void invoke(AuditEvent event, Context context) throws Exception {
        IndexRequest request = new IndexRequest("audit-" + event.getDay())
                .id(event.getId())
                .source(event.toJson(), XContentType.JSON);
        client.index(request, RequestOptions.DEFAULT); // expect: ELS001
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }
}
