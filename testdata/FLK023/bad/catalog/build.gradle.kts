plugins {
    java
}

dependencies {
    compileOnly(libs.flink.streaming)
    implementation(libs.flink.kafka)
}
