package com.example.jobs;

import org.apache.flink.streaming.api.TimeCharacteristic; // expect: FLK016
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class LegacyPipeline {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime); // expect: FLK016
        env.readTextFile("hdfs:///logs/in") // expect: FLK016
                .writeAsText("hdfs:///logs/out"); // expect: FLK016
        env.execute("legacy");
    }
}
