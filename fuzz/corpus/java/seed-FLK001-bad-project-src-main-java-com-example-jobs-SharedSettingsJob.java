package com.example.jobs;

import com.example.settings.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The interval is a constant of another file: its value is read from there. */
public class SharedSettingsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(JobSettings.CHECKPOINT_INTERVAL_MS); // expect: FLK001
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);

        Configuration conf = new Configuration();
        conf.setString(JobSettings.Sql.INTERVAL_KEY, "500ms"); // expect: FLK001

        env.fromSequence(1, 10_000).print();
        env.execute("shared-settings-job");
    }
}
