package com.example.rocks;

import org.apache.flink.contrib.streaming.state.*;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class LegacyRocksJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStateBackend(new RocksDBStateBackend("s3://flink-state/checkpoints", true)); // expect: FLK011
        env.setStateBackend(new org.apache.flink.runtime.state.memory.MemoryStateBackend()); // expect: FLK011
        env.fromSequence(1, 100).print();
        env.execute("rocks");
    }
}
