package com.example.profiles;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

/** Upserts a profile per event and makes it searchable at once. */
public class ProfileSink extends RichSinkFunction<ProfileChange> {

    private static final long serialVersionUID = 1L;

    private transient RestHighLevelClient client;

    @Override
    public void invoke(ProfileChange change, Context context) throws Exception {
        UpdateRequest request = new UpdateRequest("profiles", change.getUserId())
                .doc(change.toJson(), XContentType.JSON)
                .docAsUpsert(true);
        request.setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE); // expect: ELS004
        client.update(request, RequestOptions.DEFAULT);
    }
}
