package com.example.sessions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class SessionStatsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSource(Sessions.source(), WatermarkStrategy.noWatermarks(), "sessions")
                .uid("sessions-source")
                .keyBy(Session::getUserId)
                .reduce(Session::merge)
                .uid("sessions-per-user")
                .sinkTo(Sessions.sink())
                .uid("sessions-sink");
        env.execute("session-stats"); // expect: FLK017
    }
}
