package com.example.ops;

/** Not Flink: a retry budget with a method of the same name. */
public class RetryBudget {

    private int tolerated;

    public void setTolerableCheckpointFailureNumber(int tolerated) {
        this.tolerated = tolerated;
    }

    public static void main(String[] args) {
        new RetryBudget().setTolerableCheckpointFailureNumber(0);
    }
}
