package com.example.ops;

/** Not Flink: an in-house cleaner with a method of the same name. */
public class ArchiveCleaner {

    enum Mode { DELETE_ON_CANCELLATION, KEEP }

    private Mode mode = Mode.KEEP;

    void setExternalizedCheckpointCleanup(Mode mode) {
        this.mode = mode;
    }

    void configure() {
        setExternalizedCheckpointCleanup(Mode.DELETE_ON_CANCELLATION);
    }
}
