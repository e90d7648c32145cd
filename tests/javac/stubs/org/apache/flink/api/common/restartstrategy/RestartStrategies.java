// 1.x only
package org.apache.flink.api.common.restartstrategy;

public class RestartStrategies {
    public static RestartStrategyConfiguration fixedDelayRestart(int restartAttempts, long delayBetweenAttempts) {
        return new RestartStrategyConfiguration();
    }

    public static class RestartStrategyConfiguration implements java.io.Serializable {}
}
