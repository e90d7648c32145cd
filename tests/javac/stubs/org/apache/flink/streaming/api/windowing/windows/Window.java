package org.apache.flink.streaming.api.windowing.windows;

public abstract class Window {}
