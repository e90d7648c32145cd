package com.example.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Loads the cluster's configuration, which may well set the pause. */
public class ClusterConfiguredJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration("/opt/flink/conf");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        env.enableCheckpointing(20_000);
        env.fromSequence(1, 1_000).print();
        env.execute("cluster-configured-job");
    }
}
