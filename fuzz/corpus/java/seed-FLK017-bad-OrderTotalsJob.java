package com.example.orders;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** Totals per customer: the first version that went to production. */
public class OrderTotalsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        KafkaSource<Order> source = OrderTopics.source();
        KafkaSink<CustomerTotal> sink = OrderTopics.totalsSink();

        DataStream<Order> orders = env
                .fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "orders") // expect: FLK017
                .name("orders");

        orders.keyBy(Order::getOrderId)
                .process(new DropDuplicates())
                .uid("drop-duplicates")
                .keyBy(Order::getCustomerId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .aggregate(new SumAmounts())
                .name("customer-totals")
                .sinkTo(sink);

        env.execute("order-totals"); // expect: FLK017
    }
}
