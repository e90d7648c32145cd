package org.apache.flink.api.common.functions;

public abstract class RichMapFunction<I, O> extends AbstractRichFunction implements MapFunction<I, O> {}
