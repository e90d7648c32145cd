package org.apache.flink.streaming.api.datastream;

public class SingleOutputStreamOperator<T> extends DataStream<T> {
    public SingleOutputStreamOperator<T> uid(String uid) {
        return this;
    }

    public SingleOutputStreamOperator<T> name(String name) {
        return this;
    }
}
