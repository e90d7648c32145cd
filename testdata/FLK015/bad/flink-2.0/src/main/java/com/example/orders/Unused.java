package com.example.orders;

import org.apache.flink.streaming.api.windowing.time.Time; // expect: FLK015

/** Every use of `Time` is gone; the import alone still fails to compile on Flink 2.0. */
final class Unused {
    private Unused() {}
}
