package com.example.orders;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.http.HttpHost;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

/** One client per subtask: created in open(), closed in close(). */
public class EnrichedOrderSink extends RichSinkFunction<EnrichedOrder> {

    private static final long serialVersionUID = 1L;

    private final String hosts;
    private transient RestHighLevelClient client;

    public EnrichedOrderSink(String hosts) {
        this.hosts = hosts;
    }

    @Override
    public void open(Configuration parameters) {
        client = new RestHighLevelClient(RestClient.builder(HttpHost.create(hosts)));
    }

    @Override
    public void invoke(EnrichedOrder order, Context context) throws Exception {
        BulkRequest bulk = new BulkRequest()
                .add(new IndexRequest("orders").id(order.getId()).source(order.toJson(), XContentType.JSON));
        client.bulk(bulk, RequestOptions.DEFAULT);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }
}
