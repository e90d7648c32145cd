package com.example.backfill;

import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class BackfillJob {

    public static void main(String[] args) throws Exception {
        LocalStreamEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(8); // expect: FLK014
        env.fromSequence(1, 1_000).filter(n -> n % 2 == 0).print();
        env.execute("backfill");
    }

    static StreamExecutionEnvironment replayEnvironment() {
        return new LocalStreamEnvironment(); // expect: FLK014
    }
}
