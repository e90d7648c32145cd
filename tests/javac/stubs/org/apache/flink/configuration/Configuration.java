package org.apache.flink.configuration;

public class Configuration implements java.io.Serializable {
    public void setString(String key, String value) {}
}
