package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class SinkJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // expect-next-line: BDL002
        // bigdata-lint: ignroe FLK001 -- misspelt directive
        env.setParallelism(4);
        // expect-next-line: BDL002
        // bigdata-lint: ignore -- no code named
        env.setMaxParallelism(128);
        // expect-next-line: BDL002
        // bigdata-lint: ignore checkpoint-interval-too-short
        env.getConfig().setAutoWatermarkInterval(200);
        // expect-next-line: BDL002
        /* bigdata-lint: ignore flk002 */
        env.getConfig().enableObjectReuse();
        // expect-next-line: BDL002
        // bigdata-lint: ignore FLK099
        env.setBufferTimeout(100);
        // expect-next-line: BDL002
        // bigdata-lint: ignore BDL999 -- internal errors must stay visible
        env.fromSequence(1, 10).print();
        // expect-next-line: BDL002
        // bigdata-lint:
        env.execute("sink-job");
    }
}
