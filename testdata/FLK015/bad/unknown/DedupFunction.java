package com.example.dedup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** No build file: the Flink version is unknown, so the finding is information only. */
public class DedupFunction extends KeyedProcessFunction<String, String, String> {

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext context) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Time.hours(24)) // expect: FLK015
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .build();
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        descriptor.enableTimeToLive(ttl);
        seen = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(String id, Context ctx, Collector<String> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            out.collect(id);
        }
    }
}
