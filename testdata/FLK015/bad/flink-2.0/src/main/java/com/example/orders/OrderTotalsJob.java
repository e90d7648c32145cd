package com.example.orders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Hourly order totals, moved to Flink 2.0 in pom.xml but not yet in the code. */
public class OrderTotalsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSource(Orders.source(), Orders.watermarks(), "orders")
                .keyBy(Order::shopId)
                .window(TumblingEventTimeWindows.of(Time.hours(1))) // expect: FLK015
                .sum("amount")
                .print();
        env.execute("order-totals");
    }

    static Time reportDelay() { // expect: FLK015
        return Time.minutes(15);
    }
}
