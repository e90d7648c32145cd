package com.example.jobs;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

// On Flink 1.17 these APIs are not deprecated yet: nothing to report.
public class SubtaskTagger extends RichMapFunction<String, String> {

    private String prefix;

    @Override
    public void open(Configuration parameters) {
        prefix = getRuntimeContext().getIndexOfThisSubtask() + "/" + getRuntimeContext().getNumberOfParallelSubtasks();
    }

    @Override
    public String map(String value) {
        return prefix + value;
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRestartStrategy(RestartStrategies.noRestart());
        env.fromElements("a", "b").map(new SubtaskTagger()).addSink(new SinkFunction<String>() {});
        Configuration conf = new Configuration();
        conf.setInteger("parallelism.default", 2);
        env.execute("tagger");
    }
}
