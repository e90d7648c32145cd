package com.example.settings;

/** Settings shared by every job of the project. */
public final class JobSettings {

    private JobSettings() {}

    /** Checkpoint interval in milliseconds: three minutes. */
    public static final long CHECKPOINT_INTERVAL_MS = 3 * 60 * 1000L;
}
