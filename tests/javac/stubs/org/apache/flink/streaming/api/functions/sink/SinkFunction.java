// 1.x only
package org.apache.flink.streaming.api.functions.sink;

import org.apache.flink.api.common.functions.Function;

public interface SinkFunction<IN> extends Function {
    default void invoke(IN value, Context context) throws Exception {}

    interface Context {
        long currentProcessingTime();
    }
}
