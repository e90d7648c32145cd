package com.example.audit;

import org.elasticsearch.action.admin.indices.create.CreateIndexRequestBuilder;
import org.elasticsearch.client.Client;
import org.elasticsearch.common.settings.Settings;

/** Prepares the audit indices through the node client. */
public class AuditIndexAdmin {

    private final Client client;

    public AuditIndexAdmin(Client client) {
        this.client = client;
    }

    public void createAudit() {
        client.admin().indices().prepareCreate("audit") // expect: ELS005
                .setSettings(Settings.builder().put("index.number_of_shards", 2))
                .get();
    }

    public void createArchive() {
        CreateIndexRequestBuilder builder = client.admin().indices().prepareCreate("audit-archive"); // expect: ELS005
        builder.setSettings(Settings.builder().put("index.number_of_replicas", 0));
        builder.execute().actionGet();
    }
}
