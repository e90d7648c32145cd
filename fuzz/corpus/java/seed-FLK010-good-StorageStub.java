package com.example.testing;

/** An in-house stub that shares a name with Flink's class. */
public class StorageStub {

    static class MemoryStateBackend {
    }

    Object backend() {
        return new MemoryStateBackend();
    }
}
