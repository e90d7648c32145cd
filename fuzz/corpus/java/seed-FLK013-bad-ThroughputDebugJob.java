package com.example.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Left over from hunting a slow operator: every operator runs in its own task. */
public class ThroughputDebugJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        env.disableOperatorChaining(); // expect: FLK013

        DataStream<Long> numbers = env.fromSequence(1, 1_000_000);
        SingleOutputStreamOperator<String> formatted = numbers
                .filter(n -> n % 3 == 0)
                .map(n -> "n=" + n)
                .name("format");
        formatted.disableChaining(); // expect: FLK013

        formatted
                .map(String::toUpperCase)
                .disableChaining() // expect: FLK013
                .print();

        env.execute("throughput-debug");
    }
}
