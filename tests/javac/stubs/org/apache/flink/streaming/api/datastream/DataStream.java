package org.apache.flink.streaming.api.datastream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;

public class DataStream<T> {
    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper) {
        return new SingleOutputStreamOperator<>();
    }

    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key) {
        return new KeyedStream<>();
    }

    public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
        return new SingleOutputStreamOperator<>();
    }

    public DataStreamSink<T> addSink(org.apache.flink.streaming.api.functions.sink.SinkFunction<T> sink) { // 1.x only
        return new DataStreamSink<>(); // 1.x only
    } // 1.x only

    public Object print() {
        return null;
    }
}
