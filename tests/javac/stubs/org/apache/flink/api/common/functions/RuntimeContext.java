package org.apache.flink.api.common.functions;

import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;

public interface RuntimeContext {
    TaskInfo getTaskInfo();
    JobInfo getJobInfo();
    int getIndexOfThisSubtask(); // 1.x only
    int getNumberOfParallelSubtasks(); // 1.x only
    int getMaxNumberOfParallelSubtasks(); // 1.x only
    int getAttemptNumber(); // 1.x only
    String getTaskName(); // 1.x only
    String getTaskNameWithSubtasks(); // 1.x only
}
