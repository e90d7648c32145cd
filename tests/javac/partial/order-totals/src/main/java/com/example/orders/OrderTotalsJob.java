package com.example.orders;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeCharacteristic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Five-second order totals per shop, written to the totals sink (a Flink 1.17 job). */
public class OrderTotalsJob {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10_000L));
        env.enableCheckpointing(60_000L);

        DataStream<Long> orders = env.fromElements(120L, 75L, 310L);

        orders.map(new ShopTagger())
                .uid("shop-tagger")
                .keyBy(v -> v % 100)
                .timeWindow(Time.seconds(5))
                .allowedLateness(Time.seconds(30))
                .reduce((a, b) -> a + b)
                .uid("order-totals")
                .addSink(new TotalsSink())
                .name("totals-sink");

        env.execute("order-totals");
    }

    /** Marks each amount with the subtask that handled it. */
    static final class ShopTagger extends RichMapFunction<Long, Long> {
        private transient int subtask;

        @Override
        public void open(Configuration parameters) {
            subtask = getRuntimeContext().getIndexOfThisSubtask();
        }

        @Override
        public Long map(Long amount) {
            return amount * 1000 + subtask;
        }
    }

    /** Prints each total; a real job writes to a database. */
    static final class TotalsSink extends RichSinkFunction<Long> {
        @Override
        public void invoke(Long total, Context context) {
            System.out.println(total);
        }
    }
}
