package com.example.fraud;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Builds the fraud checks on the streams the job hands in. */
final class FraudPipeline {

    static void attach(DataStream<Payment> payments, DataStream<Login> logins) {
        SingleOutputStreamOperator<Payment> largest = payments
                .keyBy(Payment::getCardId)
                .reduce((a, b) -> a.getAmount() >= b.getAmount() ? a : b); // expect: FLK017
        largest.name("largest-payment");

        payments.keyBy(Payment::getUserId)
                .intervalJoin(logins.keyBy(Login::getUserId))
                .between(Duration.ofMinutes(-5), Duration.ZERO)
                .process(new MatchLoginToPayment())
                .addSink(new AlertSink());
    }
}
