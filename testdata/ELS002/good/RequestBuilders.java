package com.example.catalog;

import java.util.Map;

import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;

/** 7.x requests without mapping types: index and id only. */
final class RequestBuilders {

    private RequestBuilders() {
    }

    static IndexRequest index(String index, String id, Map<String, Object> source) {
        return new IndexRequest(index).id(id).source(source);
    }

    static GetRequest get(String index, String id) {
        return new GetRequest(index, id);
    }

    static DeleteRequest delete(String index, String id) {
        return new DeleteRequest(index, id);
    }

    static UpdateRequest update(String index, String id, Map<String, Object> doc) {
        return new UpdateRequest(index, id).doc(doc);
    }

    /** A report column called "type" is not a mapping type. */
    static String typeOf(Report report) {
        return report.type("summary").toString();
    }
}
