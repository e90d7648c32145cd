package org.apache.flink.streaming.api.environment;

public class CheckpointConfig implements java.io.Serializable {
    public void setCheckpointStorage(String checkpointDirectory) {} // 1.x only
}
