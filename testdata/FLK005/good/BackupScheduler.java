package com.example.ops;

/** Not Flink: an in-house scheduler whose setters share Flink's names. */
public class BackupScheduler {

    private long pauseMs;
    private int concurrent;

    public void setMinPauseBetweenCheckpoints(long pauseMs) {
        this.pauseMs = pauseMs;
    }

    public void setMaxConcurrentCheckpoints(int concurrent) {
        this.concurrent = concurrent;
    }

    public static void main(String[] args) {
        BackupScheduler scheduler = new BackupScheduler();
        scheduler.setMinPauseBetweenCheckpoints(100);
        scheduler.setMaxConcurrentCheckpoints(4);
    }
}
