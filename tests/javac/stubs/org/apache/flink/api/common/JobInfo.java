package org.apache.flink.api.common;

public interface JobInfo {
    String getJobName();
}
