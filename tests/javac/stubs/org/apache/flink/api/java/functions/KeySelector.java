package org.apache.flink.api.java.functions;

import org.apache.flink.api.common.functions.Function;

public interface KeySelector<IN, KEY> extends Function {
    KEY getKey(IN value) throws Exception;
}
