package org.serveline.telephony.ami.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.PJSipShowContactsAction;
import org.junit.jupiter.api.Test;

/** The connection writes only listed actions: an unlisted one fails before anything reaches the socket. */
class SentActionTests {

    @Test
    void anActionOutsideTheListIsRefusedBeforeItIsSent() {
        InspectedManagerConnection connection = new InspectedManagerConnection(
                new EventHandOff("pbx-test", Clock.systemUTC()));

        assertThatThrownBy(() -> connection.sendAction(new PJSipShowContactsAction(), response -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PJSIPShowContacts")
                .hasMessageContaining("SentAction");
        assertThatThrownBy(() -> connection.sendEventGeneratingAction(new PJSipShowContactsAction(), 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connection.sendAction(new CommandAction("core show version"), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Command");
    }

    @Test
    void aListedActionGoesOnToTheConnection() {
        InspectedManagerConnection connection = new InspectedManagerConnection(
                new EventHandOff("pbx-test", Clock.systemUTC()));

        // listed, so it reaches asterisk-java, which refuses it for want of a connection, not for the list
        assertThatThrownBy(() -> connection.sendEventGeneratingAction(new DeviceStateListAction(), 1000))
                .isInstanceOf(IllegalStateException.class);
        assertThat(SentAction.of("devicestatelist")).contains(SentAction.DEVICE_STATE_LIST);
        assertThat(SentAction.of("PJSIPShowContacts")).isEmpty();
    }
}
