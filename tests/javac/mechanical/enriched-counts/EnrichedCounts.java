package jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.time.Time;

/** Counts per key over one-minute event-time windows, tagged with the subtask that saw them. */
public class EnrichedCounts {

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(60_000L);
        // Checkpoints outlive the JobManager on HDFS.
        env.getCheckpointConfig().setCheckpointStorage("hdfs:///flink/checkpoints/enriched-counts");

        env.fromElements(1L, 2L, 3L)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withIdleness(Duration.ofMinutes(1)))
                .map(new SubtaskTagger())
                .uid("tagger")
                .keyBy(v -> v % 10)
                // One-minute windows; records up to ten seconds late still count.
                .timeWindow(Time.minutes(1))
                .allowedLateness(Time.seconds(10))
                .reduce((a, b) -> a + b)
                .uid("counts")
                .print();

        env.execute("enriched-counts");
    }

    /** Adds the index of the subtask to each value. */
    static final class SubtaskTagger extends RichMapFunction<Long, Long> {
        private transient int subtask;
        private transient int parallelism;

        @Override
        public void open(Configuration parameters) throws Exception {
            subtask = getRuntimeContext().getIndexOfThisSubtask();
            parallelism = getRuntimeContext().getNumberOfParallelSubtasks();
        }

        @Override
        public Long map(Long value) {
            return value * parallelism + subtask;
        }
    }
}
