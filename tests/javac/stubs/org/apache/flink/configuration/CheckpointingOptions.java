package org.apache.flink.configuration;

public class CheckpointingOptions {
    public static final ConfigOption<String> CHECKPOINT_STORAGE = new ConfigOption<>();
    public static final ConfigOption<String> CHECKPOINTS_DIRECTORY = new ConfigOption<>();
}
