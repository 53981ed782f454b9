package org.serveline.telephony.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.serveline.telephony.dialplan.DialplanContract;

/**
 * One asynchronous Originate for one call attempt. The attempt id is durable (stored before the Originate is
 * sent); it travels as channel variable {@code SERVELINE_ATTEMPT_ID} and inside the ActionID.
 *
 * @param attemptId  durable attempt id: letters, digits, '.', '_', '-'
 * @param taskId     service-task id, same alphabet
 * @param channel    dial string, e.g. {@code PJSIP/13800000000@trunk} or {@code Local/1001@simulated-parties}
 * @param target     where the answered channel goes: a dialplan location or an application
 * @param callerId   caller id presented, e.g. {@code "Court" <5550000>}; may be empty
 * @param timeout    how long the party may ring
 * @param variables  extra channel variables (names: letters, digits, '_'; values: no CR/LF)
 */
public record OriginateRequest(String attemptId, String taskId, String channel, Target target, String callerId,
                               Duration timeout, Map<String, String> variables) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final String ACTION_ID_PREFIX = "serveline-originate-";

    /** Where the originated channel continues once the party answers. */
    public sealed interface Target permits Dialplan, Application {
    }

    public record Dialplan(String context, String exten, int priority) implements Target {
        public Dialplan {
            requireClean(context, "context");
            requireClean(exten, "exten");
            if (priority < 1) {
                throw new IllegalArgumentException("priority must be >= 1, was " + priority);
            }
        }
    }

    public record Application(String name, String data) implements Target {
        public Application {
            requireClean(name, "application");
            Objects.requireNonNull(data, "data");
            requireSingleLine(data, "data");
        }
    }

    public OriginateRequest {
        requireId(attemptId, "attemptId");
        requireId(taskId, "taskId");
        requireClean(channel, "channel");
        Objects.requireNonNull(target, "target");
        callerId = callerId == null ? "" : callerId;
        requireSingleLine(callerId, "callerId");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        variables = Map.copyOf(variables == null ? Map.of() : variables);
        variables.forEach((name, value) -> {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad channel variable name: " + name);
            }
            requireSingleLine(value, "variable " + name);
            if (name.equals(DialplanContract.ATTEMPT_ID_VARIABLE) || name.equals(DialplanContract.TASK_ID_VARIABLE)) {
                throw new IllegalArgumentException(name + " is set from attemptId/taskId, not from variables");
            }
        });
    }

    /** The ActionID this Originate is sent with; its OriginateResponse event carries it back. */
    public String actionId() {
        return actionIdFor(attemptId);
    }

    /** The ActionID an Originate for {@code attemptId} is (or was) sent with. */
    public static String actionIdFor(String attemptId) {
        return ACTION_ID_PREFIX + attemptId;
    }

    /** The attempt id encoded in one of our ActionIDs, if it is one. */
    public static Optional<String> attemptIdOf(String actionId) {
        if (actionId == null || !actionId.startsWith(ACTION_ID_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(actionId.substring(ACTION_ID_PREFIX.length()));
    }

    /** All channel variables sent: the attempt and task ids first, then the extra ones. */
    public Map<String, String> channelVariables() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(DialplanContract.ATTEMPT_ID_VARIABLE, attemptId);
        all.put(DialplanContract.TASK_ID_VARIABLE, taskId);
        all.putAll(variables);
        return all;
    }

    private static void requireId(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-64 of [A-Za-z0-9._-], was '" + value + "'");
        }
    }

    private static void requireClean(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        requireSingleLine(value, name);
    }

    private static void requireSingleLine(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must not contain line breaks");
        }
    }
}
