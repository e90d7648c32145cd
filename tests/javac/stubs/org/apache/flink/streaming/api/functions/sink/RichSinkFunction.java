// 1.x only
package org.apache.flink.streaming.api.functions.sink;

import org.apache.flink.api.common.functions.AbstractRichFunction;

public abstract class RichSinkFunction<IN> extends AbstractRichFunction implements SinkFunction<IN> {}
