package com.example.orders;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.http.HttpHost;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

/** Opens a client for every order it writes. */
public class EnrichedOrderSink extends RichSinkFunction<EnrichedOrder> {

    private static final long serialVersionUID = 1L;

    private final String hosts;

    public EnrichedOrderSink(String hosts) {
        this.hosts = hosts;
    }

    @Override
    public void invoke(EnrichedOrder order, Context context) throws Exception {
        try (RestHighLevelClient client = new RestHighLevelClient( // expect: ELS003
                RestClient.builder(HttpHost.create(hosts)))) {
            BulkRequest bulk = new BulkRequest()
                    .add(new IndexRequest("orders").id(order.getId()).source(order.toJson(), XContentType.JSON));
            client.bulk(bulk, RequestOptions.DEFAULT);
        }
    }
}
