package com.example.scoring;

import com.example.io.SinkFunction;
import com.example.udf.ExternalTokens;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.*;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableFunction;

// The Flink 2.0 forms of the APIs SessionScoringJob uses, and look-alikes that are not Flink's
// removed APIs: nothing to report.
public class ModernScoringJob {

    static class Grouping {
        Grouping keyBy(int field) {
            return this;
        }

        Grouping iterate() {
            return this;
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.createTemporarySystemFunction("tokens", new Tokens());
        // The ScalarFunction overload is declared by TableEnvironment and kept in Flink 2.x.
        tables.registerFunction("upper", new Upper());
        // Declared in another file: which function it is, this file does not say.
        tables.registerFunction("external", new ExternalTokens());

        DataStream<Tuple2<String, Long>> clicks = env.fromSequence(1, 1_000)
                .map(n -> Tuple2.of("user-" + (n % 7), n));
        clicks.keyBy(t -> t.f0).sum(1).sinkTo(new ScoreSink());
        clicks.partitionCustom(new ByUser(), t -> t.f0).print();

        new Grouping().keyBy(0).iterate();
        Grouping grouping = new Grouping();
        grouping.keyBy(1);

        // `SinkFunction` is imported by name from another library, so the Flink package
        // imported on demand does not supply it.
        SinkFunction<String> console = SinkFunction.console();
        console.accept("started");
        env.execute("session-scoring");
    }

    static class Tokens extends TableFunction<String> {
        public void eval(String line) {
            for (String token : line.split(" ")) {
                collect(token);
            }
        }
    }

    public static class Upper extends ScalarFunction {
        public String eval(String s) {
            return s.toUpperCase();
        }
    }

    static class ByUser implements Partitioner<String> {
        @Override
        public int partition(String key, int partitions) {
            return Math.abs(key.hashCode() % partitions);
        }
    }

    static class ScoreSink implements Sink<Tuple2<String, Long>> {
    }
}
