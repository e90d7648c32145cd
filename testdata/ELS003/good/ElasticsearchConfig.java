package com.example.config;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring owns the client: the bean is returned and closed with the context. */
@Configuration
public class ElasticsearchConfig {

    @Bean(destroyMethod = "close")
    public RestHighLevelClient searchClient() {
        // A managed endpoint name may stand for a whole cluster behind a load balancer.
        return new RestHighLevelClient(RestClient.builder(
                HttpHost.create("https://search.internal.example.com:9243")));
    }

    @Bean(destroyMethod = "close")
    public RestHighLevelClient logsClient() {
        return new RestHighLevelClient(RestClient.builder(
                new HttpHost("10.0.0.11", 9200), new HttpHost("10.0.0.12", 9200), new HttpHost("10.0.0.13", 9200)));
    }
}
