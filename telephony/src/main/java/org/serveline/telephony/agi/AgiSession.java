package org.serveline.telephony.agi;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.serveline.telephony.dialplan.DialplanContract;

/**
 * One FastAGI session as an application sees it: the request, the channel, and when the session started (the
 * dialplan starts the recording right before the AGI, so offsets into the recording are measured from here).
 */
public final class AgiSession {

    private final AgiRequest request;
    private final AgiChannel channel;
    private final InetAddress peer;
    private final Clock clock;
    private final Instant startedAt;
    private Optional<String> attemptId;
    private Optional<String> taskId;

    public AgiSession(AgiRequest request, AgiChannel channel, InetAddress peer, Clock clock, Instant startedAt) {
        this.request = request;
        this.channel = channel;
        this.peer = peer;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    public AgiRequest request() {
        return request;
    }

    public AgiChannel channel() {
        return channel;
    }

    public InetAddress peer() {
        return peer;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Time since the session started, by the server's clock. */
    public Duration elapsed() {
        return Duration.between(startedAt, clock.instant());
    }

    /**
     * The call attempt id: the URL's {@code attempt} parameter, else the channel variable
     * {@value DialplanContract#ATTEMPT_ID_VARIABLE} (one {@code GET VARIABLE}, asked once).
     */
    public synchronized Optional<String> attemptId() {
        if (attemptId == null) {
            attemptId = lookUp(DialplanContract.ATTEMPT_PARAMETER, DialplanContract.ATTEMPT_ID_VARIABLE);
        }
        return attemptId;
    }

    /** The task id: the URL's {@code task} parameter, else the channel variable {@value DialplanContract#TASK_ID_VARIABLE}. */
    public synchronized Optional<String> taskId() {
        if (taskId == null) {
            taskId = lookUp(DialplanContract.TASK_PARAMETER, DialplanContract.TASK_ID_VARIABLE);
        }
        return taskId;
    }

    private Optional<String> lookUp(String parameter, String variable) {
        Optional<String> fromUrl = request.parameter(parameter).filter(value -> !value.isBlank());
        return fromUrl.isPresent() ? fromUrl : channel.getVariable(variable).filter(value -> !value.isBlank());
    }
}
