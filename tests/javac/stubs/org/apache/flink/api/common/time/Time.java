// 1.x only
package org.apache.flink.api.common.time;

import java.util.concurrent.TimeUnit;

public final class Time implements java.io.Serializable {
    public static Time of(long size, TimeUnit unit) { return new Time(); }
    public static Time milliseconds(long ms) { return new Time(); }
    public static Time seconds(long s) { return new Time(); }
    public static Time minutes(long m) { return new Time(); }
    public static Time hours(long h) { return new Time(); }
    public static Time days(long d) { return new Time(); }
    public long toMilliseconds() { return 0L; }
}
