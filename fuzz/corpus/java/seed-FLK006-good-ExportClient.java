package com.example.export;

/** Not Flink: an HTTP export client with a setter of the same name. */
public class ExportClient {

    private long checkpointTimeoutMs;

    public void setCheckpointTimeout(long checkpointTimeoutMs) {
        this.checkpointTimeoutMs = checkpointTimeoutMs;
    }

    public static void main(String[] args) {
        ExportClient client = new ExportClient();
        client.setCheckpointTimeout(5_000);
    }
}
