plugins {
    java
}

val flinkVersion = "1.20.0"

dependencies {
    compileOnly("org.apache.flink:flink-streaming-java:$flinkVersion")
    // A connector built for Flink 2.0 in a Flink 1.20 project.
    implementation("org.apache.flink:flink-connector-kafka:4.0.0-2.0") // expect: FLK023
}
