package com.example.orders;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ConfiguredJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.MAX_PARALLELISM, 720);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(1, 1_000)
                .keyBy(n -> n % 10)
                .reduce(Long::sum)
                .uid("sums")
                .print();
        env.execute("configured");
    }
}
