plugins {
    java
}

dependencies {
    compileOnly(libs.flink.streaming)
    implementation(libs.flink.kafka)
    implementation("org.apache.flink:flink-connector-files:${libs.versions.flink.get()}")
}
