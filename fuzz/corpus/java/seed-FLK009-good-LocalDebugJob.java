package com.example.reports;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs in one local process from the IDE: one machine, one file system. */
public class LocalDebugJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.enableCheckpointing(10_000);
        env.getCheckpointConfig()
                .setCheckpointStorage(new FileSystemCheckpointStorage("file:///tmp/ck"));
        env.fromSequence(1, 100).print();
        env.execute("debug");
    }
}
