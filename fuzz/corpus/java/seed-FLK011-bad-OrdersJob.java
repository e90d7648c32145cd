package com.example.orders;

import org.apache.flink.runtime.state.filesystem.FsStateBackend; // expect: FLK011
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class OrdersJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);
        env.setStateBackend(new FsStateBackend("hdfs://nameservice1/flink/checkpoints"));
        env.fromSequence(1, 100).print();
        env.execute("orders");
    }
}
