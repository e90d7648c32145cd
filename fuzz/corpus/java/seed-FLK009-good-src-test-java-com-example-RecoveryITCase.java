package com.example;

import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class RecoveryITCase {

    void restoresFromACheckpoint() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getCheckpointConfig()
                .setCheckpointStorage(new FileSystemCheckpointStorage("file:///tmp/it-checkpoints"));
    }
}
