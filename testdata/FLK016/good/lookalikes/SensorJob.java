package com.example.sensors;

import com.example.io.SourceFunction;
import com.example.windows.Windowing;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Look-alikes of removed Flink APIs, and the Flink 2.0 forms: nothing to report.
public class SensorJob {

    interface Tracker {
        int getIndexOfThisSubtask();
    }

    static class Plugin {
        // Not a Flink function: `open(Configuration)` is this class's own method.
        public void open(Configuration parameters) {
            System.out.println(parameters);
        }
    }

    static final class Scaler extends RichMapFunction<Long, Long> {
        private int subtask;

        @Override
        public void open(OpenContext openContext) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public Long map(Long value) {
            return value * subtask;
        }
    }

    public static void main(String[] args) throws Exception {
        SourceFunction<String> ours = SourceFunction.of("sensors");
        ours.addSink(System.out::println);
        Tracker tracker = () -> 0;
        int index = tracker.getIndexOfThisSubtask();
        new Windowing().timeWindow(5);
        Configuration conf = new Configuration();
        conf.set(ConfigOptions.key("parallelism.default").intType().noDefaultValue(), 4);
        conf.setString("pipeline.name", "sensors");
        String name = conf.getString("pipeline.name", "sensors");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.enableCheckpointing(60_000);
        env.fromSequence(1, 10).map(new Scaler()).print();
        env.execute(name + index);
    }
}
