package com.example.tags;

import java.io.IOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;

/** Renames a tag from the admin screen. */
public class TagAdmin {

    private final ElasticsearchClient client;

    public TagAdmin(ElasticsearchClient client) {
        this.client = client;
    }

    public void rename(String id, Tag tag) throws IOException {
        client.index(i -> i.index("tags").id(id).document(tag)
                .refresh(Refresh.True)); // expect: ELS004
    }
}
