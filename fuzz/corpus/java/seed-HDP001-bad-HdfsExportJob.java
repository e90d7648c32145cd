package com.example.export;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Exports the daily snapshot to HDFS. */
public class HdfsExportJob {

    private static final String REPLICATION_KEY = "dfs.replication";

    public Configuration exportConfiguration() {
        Configuration conf = new Configuration();
        conf.set("dfs.replication", "1"); // expect: HDP001
        conf.set("dfs.blocksize", "268435456");
        return conf;
    }

    public Configuration stagingConfiguration() {
        Configuration conf = new Configuration();
        conf.setInt(REPLICATION_KEY, 1); // expect: HDP001
        return conf;
    }

    /** Marks an export as temporary: it is rebuilt every night. */
    public void markTemporary(Configuration conf, Path output) throws IOException {
        FileSystem fs = FileSystem.get(conf);
        fs.setReplication(output, (short) 1); // expect: HDP001
    }
}
