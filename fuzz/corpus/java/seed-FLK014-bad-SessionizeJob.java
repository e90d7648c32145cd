package com.example.sessions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Profiled locally while tuning; the debug environment stayed in. */
public class SessionizeJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ENABLE_FLAMEGRAPH, true); // expect: FLK014
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf); // expect: FLK014

        env.fromSequence(1, 10_000).map(n -> n % 7).print();
        env.execute("sessionize");
    }
}
