package org.apache.flink.configuration;

public class ConfigOption<T> {}
