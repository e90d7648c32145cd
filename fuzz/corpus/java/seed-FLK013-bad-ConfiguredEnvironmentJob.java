package com.example.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfiguredEnvironmentJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OPERATOR_CHAINING, false); // expect: FLK013
        conf.setString("pipeline.operator-chaining", "false"); // expect: FLK013
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        env.fromSequence(1, 100).map(n -> n + 1).print();
        env.execute("configured-environment");
    }
}
