package com.example.orders;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Hands its operators back to the caller, which names them and sets their uids. */
final class PipelineFactory {

    static SingleOutputStreamOperator<Order> latestPerOrder(DataStream<Order> orders) {
        return orders.keyBy(Order::getOrderId).reduce((older, newer) -> newer);
    }

    static void register(Registry registry, DataStream<Order> orders) {
        registry.add("per-customer", orders.keyBy(Order::getCustomerId).reduce(Order::merge));
    }
}
