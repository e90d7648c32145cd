package org.apache.flink.streaming.api.datastream;

import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.time.Time; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.TimeWindow; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.Window;

public class KeyedStream<T, K> extends DataStream<T> {
    public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
        return new WindowedStream<>();
    }

    public WindowedStream<T, K, TimeWindow> timeWindow(Time size) { // 1.x only
        return new WindowedStream<>(); // 1.x only
    } // 1.x only

    public WindowedStream<T, K, TimeWindow> timeWindow(Time size, Time slide) { // 1.x only
        return new WindowedStream<>(); // 1.x only
    } // 1.x only
}
