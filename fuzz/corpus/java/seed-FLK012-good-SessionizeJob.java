package com.example.sessions;

import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class SessionizeJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300_000);
        env.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        env.fromSequence(1, 1_000).keyBy(n -> n % 128).sum(0).print();
        env.execute("sessionize");
    }
}
