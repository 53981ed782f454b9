package org.serveline.telephony.agi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every session ending, for tests. */
public final class RecordingSessionListener implements AgiSessionListener {

    private final List<AgiSessionEnd> ends = new CopyOnWriteArrayList<>();

    @Override
    public void sessionEnded(AgiSessionEnd end) {
        ends.add(end);
    }

    public List<AgiSessionEnd> ends() {
        return List.copyOf(ends);
    }
}
