package com.example.clicks;

import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Requests;

public class ClickSinkJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Click> clicks = env.fromSource(ClickSource.create(), ClickSource.watermarks(), "clicks");

        clicks.sinkTo(
                new Elasticsearch7SinkBuilder<Click>()
                        .setHosts(HttpHost.create("http://es-1:9200"), HttpHost.create("http://es-2:9200"))
                        // emit every click right away
                        .setBulkFlushMaxActions(1) // expect: ELS006
                        .setEmitter((click, ctx, indexer) ->
                                indexer.add(Requests.indexRequest("clicks").source(click.toMap())))
                        .build());

        env.execute("clicks to elasticsearch");
    }
}
