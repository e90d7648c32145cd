package com.example.clicks;

import com.example.clicks.model.ClickEvent;
import com.example.clicks.source.ClickSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** A legacy time window in a file that does not say whether the job runs in event time. */
public class LegacyUnknownTimeJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ClickEvent> clicks = ClickSource.create(env);

        clicks.keyBy(ClickEvent::getPage)
                .timeWindow(Time.minutes(1))
                .sum("count")
                .print();

        env.execute("legacy-unknown-time-job");
    }
}
