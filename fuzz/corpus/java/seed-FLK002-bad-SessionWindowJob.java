package com.example.clicks;

import java.time.Duration;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.model.Session;
import com.example.clicks.source.ClickSource;
import com.example.clicks.functions.SessionAggregate;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** User sessions; the windowed stream is built in one statement and configured in the next. */
public class SessionWindowJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);
        env.setMaxParallelism(720);
        WindowedStream<ClickEvent, String, TimeWindow> sessions = clicks
                .keyBy(ClickEvent::getUserId)
                .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30)));

        DataStream<Session> result = sessions
                .allowedLateness(Duration.ofMillis(200)) // expect: FLK002
                .aggregate(new SessionAggregate()).uid("clicks-per-session");

        result.print();
        env.execute("session-window-job");
    }
}
