package com.example.orders;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OrdersJobTest {

    @Test
    void runsLocally() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        env.fromSequence(1, 10).map(n -> n + 1).print();
        env.execute();
    }

    @Test
    void runsWithTheWebUi() throws Exception {
        Configuration conf = new Configuration();
        conf.setBoolean("rest.flamegraph.enabled", true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.fromSequence(1, 10).print();
        env.execute();
    }
}
