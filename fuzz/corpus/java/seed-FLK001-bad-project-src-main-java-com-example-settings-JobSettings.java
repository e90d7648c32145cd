package com.example.settings;

import java.time.Duration;

/** Settings shared by every job of the project. */
public final class JobSettings {

    private JobSettings() {}

    /** Checkpoint interval in milliseconds. */
    public static final long CHECKPOINT_INTERVAL_MS = 2 * 1000L;

    public static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(10);

    /** Nested holders are found too. */
    public static final class Sql {
        public static final String INTERVAL_KEY = "execution.checkpointing.interval";
    }
}
