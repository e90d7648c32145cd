package com.example.legacy;

import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** On Flink 1.17 `Time` is still the API: the findings are information for the upgrade. */
public class AlertJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRestartStrategy(
                RestartStrategies.fixedDelayRestart(3, Time.seconds(10))); // expect: FLK015
        env.fromSequence(1, 10).print();
        env.execute("alerts");
    }
}
