package com.example.clicks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs with a local web UI when started with --local, on the cluster otherwise. */
public class ClickstreamJob {

    public static void main(String[] args) throws Exception {
        boolean local = args.length > 0 && "--local".equals(args[0]);
        StreamExecutionEnvironment env;
        if (local) {
            Configuration conf = new Configuration();
            conf.setBoolean("rest.flamegraph.enabled", true); // expect: FLK014
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf); // expect: FLK014
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment();
        }
        env.fromSequence(1, 100).map(n -> n * 3).print();
        env.execute("clickstream");
    }
}
