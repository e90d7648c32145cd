package com.example.simulation;

/** A traffic simulator with its own notion of environments; unrelated to Flink. */
public class SimulationHarness {

    static final class Environments {
        static Environments createLocalEnvironment() {
            return new Environments();
        }
    }

    public static void main(String[] args) {
        Environments.createLocalEnvironment();
    }
}
