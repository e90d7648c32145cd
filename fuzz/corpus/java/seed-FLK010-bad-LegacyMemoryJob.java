package com.example.fraud;

import org.apache.flink.runtime.state.memory.MemoryStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Written for Flink 1.10. */
public class LegacyMemoryJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(30_000);
        env.setStateBackend(new MemoryStateBackend(20 * 1024 * 1024)); // expect: FLK010

        env.fromSequence(1, 1_000).print();
        env.execute("legacy-memory-job");
    }
}
