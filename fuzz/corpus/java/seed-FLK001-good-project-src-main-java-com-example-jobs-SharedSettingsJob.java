package com.example.jobs;

import com.example.settings.JobSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The interval is a constant of another file, and a sound one. */
public class SharedSettingsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(JobSettings.CHECKPOINT_INTERVAL_MS);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);
        // A class no file of the project declares: its constant is unknown, so nothing is said.
        env.enableCheckpointing(ExternalDefaults.INTERVAL_MS);
        env.fromSequence(1, 10_000).print();
        env.execute("shared-settings-job");
    }
}
