package org.serveline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redirect, Hangup and DeviceStateList over the link, against a fake AMI server speaking the real protocol over
 * TCP on 127.0.0.1 (the ContactList frames as Asterisk 22 writes them).
 */
@Timeout(30)
class PbxLinkChannelActionsIntegrationTests {

    private static final OriginateRequest.Dialplan CONSENT = new OriginateRequest.Dialplan("serveline-consent", "s", 1);

    private final Clock clock = Clock.systemUTC();
    private FakeAmiServer server;
    private PbxLink link;

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private PbxLink connected(ScriptedAmi script) throws Exception {
        server = new FakeAmiServer(script);
        link = PbxLink.asterisk(server.config("pbx-test").withResponseTimeout(Duration.ofSeconds(2)), clock);
        link.start();
        await().until(() -> link.health().isUp());
        return link;
    }

    private static ScriptedAmi.Handler success(String message) {
        return (action, session) -> session.send("Response: Success\r\nActionID: " + action.get("ActionID")
                + "\r\nMessage: " + message + "\r\n\r\n");
    }

    @Test
    void redirectSendsTheChannelAndTargetAndCompletesOnSuccess() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("Redirect", success("Redirect successful")));

        link.redirect("PJSIP/trunk-00000002", CONSENT).get(5, TimeUnit.SECONDS);

        Map<String, String> sent = sent("Redirect");
        assertThat(sent).containsEntry("Channel", "PJSIP/trunk-00000002").containsEntry("Context", "serveline-consent")
                .containsEntry("Exten", "s").containsEntry("Priority", "1").doesNotContainKey("ExtraChannel");
    }

    @Test
    void aRedirectAsteriskRefusesFailsWithItsMessage() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("Redirect", (action, session) -> session.send(
                "Response: Error\r\nActionID: " + action.get("ActionID")
                        + "\r\nMessage: Channel specified does not exist\r\n\r\n")));

        assertThatThrownBy(() -> link.redirect("PJSIP/gone-1", CONSENT).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("Channel specified does not exist")
                .hasMessageContaining("PJSIP/gone-1");
    }

    @Test
    void aRedirectWithoutResponseFailsAfterTheResponseTimeout() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("Redirect", (action, session) -> { }));

        assertThatThrownBy(() -> link.redirect("PJSIP/trunk-1", CONSENT).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("no response");
    }

    @Test
    void hangupSendsTheChannelAndCause() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("Hangup", success("Channel Hungup")));

        link.hangup("PJSIP/agent100-00000001", 16).get(5, TimeUnit.SECONDS);

        assertThat(sent("Hangup")).containsEntry("Channel", "PJSIP/agent100-00000001").containsEntry("Cause", "16");
    }

    @Test
    void setGlobalVariableSendsSetvarWithoutAChannel() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("Setvar", success("Variable Set")));

        link.setGlobalVariable("SERVELINE_DEFAULT_OPERATORS", "PJSIP/agent100&PJSIP/agent101").get(5, TimeUnit.SECONDS);

        assertThat(sent("Setvar")).containsEntry("Variable", "SERVELINE_DEFAULT_OPERATORS")
                .containsEntry("Value", "PJSIP/agent100&PJSIP/agent101").doesNotContainKey("Channel");
    }

    @Test
    void contactsListsThePjsipDeviceStatesOfTheRegisteredAndUnregisteredEndpoints() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("DeviceStateList", (action, session) -> {
            String id = action.get("ActionID");
            // as Asterisk 22's manager.c answers it: list ack, one DeviceStateChange per cached device, complete
            session.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                    + "Message: Device State Changes will follow\r\n\r\n");
            session.send(deviceState(id, "PJSIP/agent100", "NOT_INUSE"));
            session.send(deviceState(id, "Local/100@agents", "UNKNOWN"));
            session.send(deviceState(id, "PJSIP/agent101", "UNAVAILABLE"));
            session.send(deviceState(id, "PJSIP/agent102", "INUSE"));
            session.send("Event: DeviceStateListComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\n"
                    + "ListItems: 4\r\n\r\n");
        }));

        List<RegisteredContact> contacts = link.contacts().get(10, TimeUnit.SECONDS);

        assertThat(contacts).extracting(RegisteredContact::endpoint, RegisteredContact::status,
                RegisteredContact::isReachable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("agent100", "Not in use", true),
                        org.assertj.core.groups.Tuple.tuple("agent101", "Unavailable", false),
                        org.assertj.core.groups.Tuple.tuple("agent102", "In use", true));
        assertThat(contacts).allMatch(c -> c.pbxId().equals("pbx-test"));
        assertThat(server.actions()).noneMatch(a -> "PJSIPShowContacts".equalsIgnoreCase(a.get("Action")));
    }

    @Test
    void contactsFailClearlyWhenAsteriskRefusesTheListing() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("DeviceStateList", (action, session) ->
                session.send("Response: Error\r\nActionID: " + action.get("ActionID")
                        + "\r\nMessage: Permission denied\r\n\r\n")));

        assertThatThrownBy(() -> link.contacts().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("DeviceStateList refused")
                .hasMessageContaining("Permission denied");
    }

    @Test
    void everyChannelActionFailsClearlyWhileTheLinkIsDownAndNothingIsSent() throws Exception {
        server = new FakeAmiServer(new ScriptedAmi());
        link = PbxLink.asterisk(server.config("pbx-test"), clock);

        assertThatThrownBy(() -> link.redirect("PJSIP/x-1", CONSENT).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("DOWN");
        assertThatThrownBy(() -> link.hangup("PJSIP/x-1", 16).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("DOWN");
        assertThatThrownBy(() -> link.contacts().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("DOWN");
        assertThat(server.actions()).isEmpty();
    }

    private Map<String, String> sent(String action) {
        return server.actions().stream().filter(a -> action.equalsIgnoreCase(a.get("Action"))).findFirst().orElseThrow();
    }

    /** A row of a DeviceStateList listing, as Asterisk 22 writes it (the ActionID right after Event). */
    private static String deviceState(String actionId, String device, String state) {
        return "Event: DeviceStateChange\r\nActionID: " + actionId + "\r\nPrivilege: call,all\r\nDevice: "
                + device + "\r\nState: " + state + "\r\n\r\n";
    }
}
