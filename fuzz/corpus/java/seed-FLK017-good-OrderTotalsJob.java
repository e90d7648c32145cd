package com.example.orders;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

public class OrderTotalsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        env.setMaxParallelism(720);

        DataStream<Order> orders = env
                .fromSource(OrderTopics.source(), WatermarkStrategy.noWatermarks(), "orders")
                .name("orders")
                .uid("orders-source");

        SingleOutputStreamOperator<CustomerTotal> totals = orders
                .keyBy(Order::getCustomerId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .aggregate(new SumAmounts());
        totals.uid("customer-totals");

        // Stateless steps need no uid.
        totals.map(CustomerTotal::rounded)
                .filter(total -> total.getAmount() > 0)
                .sinkTo(OrderTopics.totalsSink())
                .setUidHash("3f1c2a9d0b7e4c5f8a6d2e1b0c9f8e7d");

        env.execute("order-totals");
    }
}
