package org.apache.flink.api.common.functions;

public interface ReduceFunction<T> extends Function {
    T reduce(T a, T b) throws Exception;
}
