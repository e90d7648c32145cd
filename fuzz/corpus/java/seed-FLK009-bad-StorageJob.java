package com.example.reports;

import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class StorageJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);
        env.getCheckpointConfig()
                .setCheckpointStorage(new FileSystemCheckpointStorage("hdfs://127.0.0.1:8020/ck")); // expect: FLK009
        env.setDefaultSavepointDirectory("file:///opt/flink/savepoints"); // expect: FLK009

        env.fromSequence(1, 1_000).print();
        env.execute("storage-job");
    }
}
