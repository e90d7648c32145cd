package org.apache.flink.configuration;

public class Configuration implements java.io.Serializable {
    public void setString(String key, String value) {}

    public <T> Configuration set(ConfigOption<T> option, T value) {
        return this;
    }
}
