package com.example.rocks;

import com.example.rocks.compat.RocksDBStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class RocksJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        // A project class that only shares the name.
        RocksDBStateBackend.describe();
        env.fromSequence(1, 100).print();
        env.execute("rocks");
    }
}
