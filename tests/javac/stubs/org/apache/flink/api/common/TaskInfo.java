package org.apache.flink.api.common;

public interface TaskInfo {
    String getTaskName();
    int getMaxNumberOfParallelSubtasks();
    int getIndexOfThisSubtask();
    int getNumberOfParallelSubtasks();
    int getAttemptNumber();
    String getTaskNameWithSubtasks();
}
