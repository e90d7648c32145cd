package com.example.replay;

import java.time.Duration;

import com.example.replay.model.Trade;
import com.example.streams.eventtime.WatermarkStrategy;
import com.example.streams.time.AscendingTimestampExtractor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A replay tool's own WatermarkStrategy and extractor classes, not Flink's. */
public class ReplayJob {

    static class TradeTimes extends AscendingTimestampExtractor<Trade> {
        @Override
        public long extractAscendingTimestamp(Trade trade) {
            return trade.getTime();
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WatermarkStrategy<Trade> exact = WatermarkStrategy.<Trade>forBoundedOutOfOrderness(Duration.ZERO);
        DataStream<Trade> trades = TradeReplay.stream(env, exact, new TradeTimes());
        trades.print();
        env.execute("replay-job");
    }
}
