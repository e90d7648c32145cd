package com.example.orders;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OrderTotalsJobTest {

    @Test
    void sumsPerKey() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 10).keyBy(n -> n % 2).reduce(Long::sum).print();
        env.execute();
    }
}
