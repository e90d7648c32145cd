package com.example.schedule;

import com.example.schedule.units.Time;

/** A class of our own called `Time`, in a file that mentions org.apache.flink.api.common.time only here. */
public class Scheduling {
    Time every = Time.seconds(5);
}
