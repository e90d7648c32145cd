package com.example.jobs;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.connector.sink.Sink; // expect: FLK016
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.IterativeStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.*;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.TableFunction;

// Written for Flink 1.x: field-position keys, a stream iteration, a Sink V1, a legacy table
// function registration and a sink function imported on demand.
public class SessionScoringJob {

    static final int USER = 0;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.registerFunction("tokens", new Tokens()); // expect: FLK016

        DataStream<Tuple2<String, Long>> clicks = env.fromSequence(1, 1_000)
                .map(n -> Tuple2.of("user-" + (n % 7), n));

        IterativeStream<Tuple2<String, Long>> rounds = clicks.iterate(); // expect: FLK016
        rounds.closeWith(rounds.filter(t -> t.f1 > 500));

        clicks.keyBy(USER) // expect: FLK016
                .sum(1)
                .addSink(new ScoreSink());
        clicks.partitionCustom(new ByUser(), "f0") // expect: FLK016
                .sinkTo(new AuditSink()); // expect: FLK016
        env.execute("session-scoring");
    }

    static class Tokens extends TableFunction<String> {
        public void eval(String line) {
            for (String token : line.split(" ")) {
                collect(token);
            }
        }
    }

    static class ByUser implements Partitioner<String> {
        @Override
        public int partition(String key, int partitions) {
            return Math.abs(key.hashCode() % partitions);
        }
    }

    static class ScoreSink implements SinkFunction<Tuple2<String, Long>> { // expect: FLK016
        @Override
        public void invoke(Tuple2<String, Long> score, Context context) {
            System.out.println(score);
        }
    }

    static class AuditSink implements Sink<Tuple2<String, Long>, Void, Void, Void> {
    }
}
