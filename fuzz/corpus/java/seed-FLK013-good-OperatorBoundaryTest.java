package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OperatorBoundaryTest {

    @Test
    void everyOperatorIsItsOwnVertex() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.disableOperatorChaining();
        env.fromSequence(1, 10).map(n -> n + 1).print();
        env.execute();
    }
}
