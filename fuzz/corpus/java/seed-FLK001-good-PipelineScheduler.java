package com.example.scheduling;

/** Not Flink: an in-house scheduler whose own method happens to share Flink's name. */
public class PipelineScheduler {

    private long checkpointEveryMs;

    public PipelineScheduler enableCheckpointing(long intervalMs) {
        this.checkpointEveryMs = intervalMs;
        return this;
    }

    public static void main(String[] args) {
        new PipelineScheduler().enableCheckpointing(1000);
    }
}
