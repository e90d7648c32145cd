package com.example.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.time.Duration;

public class SessionWindowJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 1_000)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((n, ts) -> n * 1000))
                .keyBy(n -> n % 16)
                .timeWindow(org.apache.flink.streaming.api.windowing.time.Time.minutes(1)) // expect: FLK016
                .sum(0)
                .flatMap(new Splitter())
                .print();
        env.execute("sessions");
    }

    static final class Splitter extends RichFlatMapFunction<Long, Long> {
        private int subtask;

        @Override
        public void open(Configuration parameters) { // expect: FLK016
            subtask = getRuntimeContext().getIndexOfThisSubtask(); // expect: FLK016
        }

        @Override
        public void flatMap(Long value, Collector<Long> out) {
            out.collect(value * 100 + subtask);
        }
    }
}
