package org.apache.flink.streaming.api.windowing.assigners;

import java.time.Duration;
import org.apache.flink.streaming.api.windowing.time.Time; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

public class TumblingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
    public static TumblingProcessingTimeWindows of(Time size) { // 1.x only
        return new TumblingProcessingTimeWindows(); // 1.x only
    } // 1.x only

    public static TumblingProcessingTimeWindows of(Duration size) {
        return new TumblingProcessingTimeWindows();
    }
}
