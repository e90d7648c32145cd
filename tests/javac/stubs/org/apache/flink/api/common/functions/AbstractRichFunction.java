package org.apache.flink.api.common.functions;

import org.apache.flink.configuration.Configuration; // 1.x only

public abstract class AbstractRichFunction implements Function {
    public RuntimeContext getRuntimeContext() {
        throw new UnsupportedOperationException();
    }

    public void open(Configuration parameters) throws Exception {} // 1.x only

    public void open(OpenContext openContext) throws Exception {}

    public void close() throws Exception {}
}
