package org.apache.flink.streaming.api.windowing.assigners;

import java.time.Duration;
import org.apache.flink.streaming.api.windowing.time.Time; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

public class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
    public static SlidingProcessingTimeWindows of(Time size, Time slide) { // 1.x only
        return new SlidingProcessingTimeWindows(); // 1.x only
    } // 1.x only

    public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
        return new SlidingProcessingTimeWindows();
    }
}
