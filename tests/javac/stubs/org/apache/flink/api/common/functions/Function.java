package org.apache.flink.api.common.functions;

public interface Function extends java.io.Serializable {}
