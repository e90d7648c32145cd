package com.example.search;

import java.net.InetAddress;

import org.elasticsearch.client.transport.TransportClient; // expect: ELS002
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.transport.client.PreBuiltTransportClient; // expect: ELS002

/** Builds the transport client of the search cluster (port 9300). */
public final class SearchClientFactory {

    private SearchClientFactory() {
    }

    public static TransportClient create(String cluster, String host) throws Exception {
        Settings settings = Settings.builder().put("cluster.name", cluster).build();
        return new PreBuiltTransportClient(settings)
                .addTransportAddress(new TransportAddress(InetAddress.getByName(host), 9300));
    }
}
