package org.apache.flink.streaming.api.datastream;

public class DataStreamSource<T> extends SingleOutputStreamOperator<T> {}
