package com.example.other;

import com.example.stream.Env;

// No Flink import: methods with the names of removed Flink APIs are someone else's.
public class NotFlink {
    public static void main(String[] args) {
        Env env = Env.create();
        env.addSource(args).addSink(System.out::println);
        env.setRestartStrategy(null);
        env.getRuntimeContext().getIndexOfThisSubtask();
    }
}
