package com.example.jobs;

import java.time.Duration;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// expect-next-line: BDL001
// bigdata-lint: ignore-file RDS001 -- the Jedis sink moved to another module

/** Counts orders. The interval was raised long ago; the suppressions stayed behind. */
public class CheckpointJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // expect-next-line: BDL001
        // bigdata-lint: ignore FLK001 -- load test, raise before production
        env.enableCheckpointing(Duration.ofMinutes(3).toMillis());

        // expect-next-line: BDL001
        env.getCheckpointConfig().setCheckpointTimeout(600_000); // bigdata-lint: ignore FLK001

        // One code is still needed, the other is not.
        // expect-next-line: BDL001
        /* bigdata-lint: ignore FLK001, FLK005, HBS001 -- profiling only */
        env.getCheckpointConfig().setCheckpointInterval(500);

        env.fromSequence(1, 1_000_000).print();
        env.execute("checkpoint-job");
    }
}
// expect-next-line: BDL001
// bigdata-lint: ignore FLK001 -- nothing follows this comment
