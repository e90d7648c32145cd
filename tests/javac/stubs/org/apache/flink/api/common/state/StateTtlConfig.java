package org.apache.flink.api.common.state;

import java.time.Duration;

public class StateTtlConfig {
    public static Builder newBuilder(org.apache.flink.api.common.time.Time ttl) { // 1.x only
        return new Builder(); // 1.x only
    } // 1.x only

    public static Builder newBuilder(Duration ttl) {
        return new Builder();
    }

    public static class Builder {
        public StateTtlConfig build() {
            return new StateTtlConfig();
        }
    }
}
