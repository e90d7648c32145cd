package org.apache.flink.streaming.api.datastream;

public class DataStreamSink<T> {
    public DataStreamSink<T> name(String name) {
        return this;
    }

    public DataStreamSink<T> uid(String uid) {
        return this;
    }
}
