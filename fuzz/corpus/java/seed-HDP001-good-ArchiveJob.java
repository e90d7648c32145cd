package com.example.archive;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Moves finished partitions to the archive. */
public class ArchiveJob {

    private static final short ARCHIVE_REPLICATION = 3;

    public Configuration archiveConfiguration() {
        Configuration conf = new Configuration();
        conf.set("dfs.replication", "3");
        // conf.set("dfs.replication", "1");
        return conf;
    }

    public void archive(Configuration conf, Path partition) throws IOException {
        FileSystem fs = FileSystem.get(conf);
        /* fs.setReplication(partition, (short) 1); */
        fs.setReplication(partition, ARCHIVE_REPLICATION);
        fs.setReplication(partition, (short) 3);
    }
}
