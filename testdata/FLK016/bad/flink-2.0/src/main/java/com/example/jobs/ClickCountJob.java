package com.example.jobs;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies; // expect: FLK016
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction; // expect: FLK016
import org.apache.flink.streaming.api.functions.source.SourceFunction; // expect: FLK016

public class ClickCountJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10_000L)); // expect: FLK016
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setCheckpointStorage("s3://flink/checkpoints"); // expect: FLK016
        ExecutionConfig config = env.getConfig();
        config.enableForceKryo(); // expect: FLK016

        // Flink 2.x keeps addSource/addSink for its internal legacy functions: what breaks is
        // the SourceFunction / SinkFunction these classes implement, reported on their imports.
        DataStream<String> clicks = env.addSource(new ClickSource());
        clicks.keyBy(c -> c)
                .map(new Tagger())
                .addSink(new ConsoleSink());

        Configuration conf = new Configuration();
        conf.setInteger("parallelism.default", 4); // expect: FLK016
        conf.setString("pipeline.name", "clicks");
        env.execute("click-count");
    }

    static class ClickSource implements SourceFunction<String> {
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<String> ctx) {
            while (running) {
                ctx.collect("click");
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }

    static final class Tagger extends RichMapFunction<String, String> {
        private String prefix;

        @Override
        public void open(Configuration parameters) { // expect: FLK016
            prefix = getRuntimeContext().getTaskNameWithSubtasks(); // expect: FLK016
        }

        @Override
        public String map(String value) {
            return prefix + ":" + getRuntimeContext().getIndexOfThisSubtask() + ":" + value; // expect: FLK016
        }
    }

    static class ConsoleSink extends RichSinkFunction<String> {
        @Override
        public void open(Configuration parameters) throws Exception { // expect: FLK016
            super.open(parameters);
            System.out.println("opened with " + parameters.toMap().size() + " settings");
        }

        @Override
        public void invoke(String value, Context context) {
            System.out.println(value);
        }
    }
}
