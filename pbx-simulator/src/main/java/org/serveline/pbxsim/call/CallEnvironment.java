package org.serveline.pbxsim.call;

import io.netty.bootstrap.Bootstrap;
import java.util.concurrent.atomic.AtomicInteger;
import org.serveline.pbxsim.ami.EventSink;
import org.serveline.pbxsim.recording.RecordingWriter;

/** What every call shares: the event sink, settings, registry, FastAGI connector and recorder. */
final class CallEnvironment {

    private final EventSink sink;
    private final CallSettings settings;
    private final CallRegistry registry;
    private final Bootstrap agiConnector;
    private final RecordingWriter recorder;
    private final long epochSeconds = System.currentTimeMillis() / 1000;
    private final AtomicInteger uniqueids = new AtomicInteger();
    private final AtomicInteger channelSequence = new AtomicInteger();

    CallEnvironment(EventSink sink, CallSettings settings, CallRegistry registry, Bootstrap agiConnector,
            RecordingWriter recorder) {
        this.sink = sink;
        this.settings = settings;
        this.registry = registry;
        this.agiConnector = agiConnector;
        this.recorder = recorder;
    }

    EventSink sink() {
        return sink;
    }

    CallSettings settings() {
        return settings;
    }

    Bootstrap agiConnector() {
        return agiConnector;
    }

    AgiTurnTimes agiTurns() {
        return registry.counters().agiTurns();
    }

    RecordingWriter recorder() {
        return recorder;
    }

    String nextUniqueid() {
        return epochSeconds + "." + uniqueids.getAndIncrement();
    }

    String nextChannelSequence() {
        return String.format("%08x", channelSequence.getAndIncrement());
    }

    void ended(SimCall call) {
        registry.remove(call);
    }
}
