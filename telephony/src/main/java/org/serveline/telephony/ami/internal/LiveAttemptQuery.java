package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.serveline.telephony.ami.AmiException;
import org.serveline.telephony.ami.LiveAttempt;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.dialplan.DialplanContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CoreShowChannels, then Getvar for the attempt/task ids of each channel whose listing lacks them. */
final class LiveAttemptQuery {

    private static final Logger log = LoggerFactory.getLogger(LiveAttemptQuery.class);

    private final PbxConfig config;
    private final ManagerConnection connection;

    LiveAttemptQuery(PbxConfig config, ManagerConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    List<LiveAttempt> run() {
        List<LiveAttempt> live = new ArrayList<>();
        for (CoreShowChannelEvent channel : channels()) {
            variable(channel, DialplanContract.ATTEMPT_ID_VARIABLE).ifPresent(attemptId -> live.add(
                    new LiveAttempt(config.id(), attemptId, variable(channel, DialplanContract.TASK_ID_VARIABLE),
                            text(channel.getChannel()), text(channel.getUniqueid()), text(channel.getLinkedid()),
                            text(channel.getChannelStateDesc()), text(channel.getApplication()),
                            text(channel.getDuration()))));
        }
        return List.copyOf(live);
    }

    private List<CoreShowChannelEvent> channels() {
        try {
            ResponseEvents events = connection.sendEventGeneratingAction(new CoreShowChannelsAction(),
                    config.responseTimeout().toMillis());
            List<CoreShowChannelEvent> channels = new ArrayList<>();
            for (ResponseEvent event : events.getEvents()) {
                if (event instanceof CoreShowChannelEvent channel) {
                    channels.add(channel);
                }
            }
            return channels;
        } catch (EventTimeoutException e) {
            throw new AmiException("CoreShowChannels did not complete within " + config.responseTimeout(), e);
        } catch (IOException | RuntimeException e) {
            throw new AmiException("CoreShowChannels failed on PBX " + config.id(), e);
        }
    }

    private Optional<String> variable(CoreShowChannelEvent channel, String name) {
        if (channel.getChannelVariables() != null && channel.getChannelVariables().containsKey(name)) {
            return nonEmpty(channel.getChannelVariables().get(name));
        }
        try {
            ManagerResponse response = connection.sendAction(new GetVarAction(channel.getChannel(), name),
                    config.responseTimeout().toMillis());
            if (response instanceof GetVarResponse value) {
                return nonEmpty(value.getValue());
            }
            if (response instanceof ManagerError error) {
                // the channel hung up meanwhile: it is then simply not live any more
                log.info("PBX {}: Getvar {} on {}: {}", config.id(), name, channel.getChannel(), error.getMessage());
                return Optional.empty();
            }
            return nonEmpty(response.getAttribute("Value"));
        } catch (IOException | TimeoutException | RuntimeException e) {
            // No answer is not "not live": a partial list would make the caller settle calls still in progress.
            throw new AmiException("Getvar " + name + " on " + channel.getChannel() + " failed on PBX " + config.id()
                    + "; the list of live attempts is unknown", e);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
