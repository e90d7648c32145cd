package org.apache.flink.streaming.api.datastream;

import java.time.Duration;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.streaming.api.windowing.time.Time; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.Window;

public class WindowedStream<T, K, W extends Window> {
    public WindowedStream<T, K, W> allowedLateness(Time lateness) { // 1.x only
        return this; // 1.x only
    } // 1.x only

    public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
        return this;
    }

    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
        return new SingleOutputStreamOperator<>();
    }
}
