package org.apache.flink.streaming.api.windowing.windows;

public class TimeWindow extends Window {}
