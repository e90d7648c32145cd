package com.example.reports;

import java.io.File;

/** Not Flink's: an archive with a method of the same name. */
public class ArchiveWriter {

    private File target;

    void setCheckpointStorage(String path) {
        this.target = new File(path);
    }

    void init() {
        setCheckpointStorage("file:///tmp/archive");
    }
}
