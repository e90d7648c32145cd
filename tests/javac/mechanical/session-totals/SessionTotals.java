package jobs;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Per-user totals over tumbling and sliding event-time windows. */
public class SessionTotals {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000L);

        DataStream<Long> amounts = env.fromElements(3L, 5L, 8L);

        // Five-minute totals; late records up to thirty seconds still count.
        amounts
                .keyBy(v -> v % 10)
                .window(TumblingEventTimeWindows.of(Time.minutes(5)))
                .allowedLateness(Time.seconds(30))
                .reduce(new Sum())
                .uid("five-minute-totals")
                .print();

        // An hour of history every ten minutes.
        amounts
                .keyBy(v -> v % 10)
                .window(SlidingEventTimeWindows.of(Time.hours(1), Time.of(10, TimeUnit.MINUTES)))
                .reduce(new Sum())
                .uid("hourly-totals")
                .print();

        env.execute("session-totals");
    }

    /** Adds two amounts. */
    static final class Sum implements ReduceFunction<Long> {
        @Override
        public Long reduce(Long a, Long b) {
            return a + b;
        }
    }
}
