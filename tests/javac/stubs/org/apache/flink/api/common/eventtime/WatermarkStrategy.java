package org.apache.flink.api.common.eventtime;

import java.time.Duration;

public interface WatermarkStrategy<T> extends java.io.Serializable {
    static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
        throw new UnsupportedOperationException();
    }

    default WatermarkStrategy<T> withIdleness(Duration idleTimeout) {
        return this;
    }
}
