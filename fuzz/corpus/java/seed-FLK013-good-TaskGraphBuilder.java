package com.example.scheduler;

/** An in-house task graph: its "chaining" has nothing to do with Flink. */
public class TaskGraphBuilder {

    private boolean chaining = true;

    public TaskGraphBuilder disableChaining() {
        this.chaining = false;
        return this;
    }

    public TaskGraphBuilder disableOperatorChaining() {
        return disableChaining();
    }

    public static TaskGraphBuilder forBatch() {
        return new TaskGraphBuilder().disableChaining();
    }
}
