package com.example.sessions;

import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Without an argument the backend takes the incremental flag from the cluster's configuration. */
public class ClusterDefaultsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStateBackend(new EmbeddedRocksDBStateBackend());
        env.fromSequence(1, 1_000).print();
        env.execute("cluster-defaults");
    }
}
