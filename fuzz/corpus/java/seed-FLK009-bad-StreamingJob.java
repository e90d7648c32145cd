package com.example.reports;

import org.apache.flink.runtime.state.filesystem.FsStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Counts page views per minute. */
public class StreamingJob {

    private static final String CHECKPOINTS = "file:///tmp/flink-checkpoints";

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000);
        env.setStateBackend(new FsStateBackend(CHECKPOINTS)); // expect: FLK009

        env.fromSequence(1, 1_000).print();
        env.execute("page-views");
    }
}
