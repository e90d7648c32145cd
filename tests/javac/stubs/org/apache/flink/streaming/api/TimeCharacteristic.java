// 1.x only
package org.apache.flink.streaming.api;

public enum TimeCharacteristic {
    ProcessingTime,
    IngestionTime,
    EventTime
}
