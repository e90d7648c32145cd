package com.example.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Prints how to suppress a finding. Strings and text blocks are not comments, and a comment
 * that merely mentions bigdata-lint: somewhere is not a suppression.
 */
public class LintNotesJob {

    static final String HINT = "// bigdata-lint: ignroe FLK001";
    static final char QUOTE = '"';
    static final String BLOCK = """
            /* bigdata-lint: ignore */
            -- bigdata-lint: disable
            """;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // See the docs on bigdata-lint: suppressions, for how this works.
        /*
         * bigdata-lint: ignore
         *   FLK001, FLK005 -- profiling build; a block comment may span lines
         */
        env.enableCheckpointing(1000);
        System.out.println(HINT + QUOTE + BLOCK);
        env.execute("lint-notes-job");
    }
}
