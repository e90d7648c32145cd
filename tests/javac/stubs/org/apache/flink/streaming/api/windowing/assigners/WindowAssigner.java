package org.apache.flink.streaming.api.windowing.assigners;

import org.apache.flink.streaming.api.windowing.windows.Window;

public abstract class WindowAssigner<T, W extends Window> implements java.io.Serializable {}
