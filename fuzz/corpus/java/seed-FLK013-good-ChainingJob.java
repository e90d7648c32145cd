package com.example.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ChainingJob {

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OPERATOR_CHAINING, true);
        conf.setBoolean("pipeline.object-reuse", false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // env.disableOperatorChaining();

        env.fromSequence(1, 1_000)
                .map(n -> n * 2)
                // The enrichment call is slow: give it a chain of its own.
                .map(n -> n + 1)
                .startNewChain()
                .print();

        env.execute("chaining-job");
    }
}
