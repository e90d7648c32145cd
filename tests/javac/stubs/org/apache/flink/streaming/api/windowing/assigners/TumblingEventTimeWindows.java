package org.apache.flink.streaming.api.windowing.assigners;

import java.time.Duration;
import org.apache.flink.streaming.api.windowing.time.Time; // 1.x only
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

public class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
    public static TumblingEventTimeWindows of(Time size) { // 1.x only
        return new TumblingEventTimeWindows(); // 1.x only
    } // 1.x only

    public static TumblingEventTimeWindows of(Duration size) {
        return new TumblingEventTimeWindows();
    }
}
