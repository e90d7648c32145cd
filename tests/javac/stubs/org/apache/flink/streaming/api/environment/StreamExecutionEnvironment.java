package org.apache.flink.streaming.api.environment;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeCharacteristic; // 1.x only
import org.apache.flink.streaming.api.datastream.DataStreamSource;

public class StreamExecutionEnvironment {
    public static StreamExecutionEnvironment getExecutionEnvironment() {
        return new StreamExecutionEnvironment();
    }

    public static StreamExecutionEnvironment getExecutionEnvironment(Configuration configuration) {
        return new StreamExecutionEnvironment();
    }

    public CheckpointConfig getCheckpointConfig() {
        return new CheckpointConfig();
    }

    public void setStreamTimeCharacteristic(TimeCharacteristic characteristic) {} // 1.x only

    public void setRestartStrategy(org.apache.flink.api.common.restartstrategy.RestartStrategies.RestartStrategyConfiguration c) {} // 1.x only

    public StreamExecutionEnvironment enableCheckpointing(long interval) {
        return this;
    }

    @SafeVarargs
    public final <T> DataStreamSource<T> fromElements(T... data) {
        return new DataStreamSource<>();
    }

    public Object execute(String jobName) throws Exception {
        return null;
    }
}
