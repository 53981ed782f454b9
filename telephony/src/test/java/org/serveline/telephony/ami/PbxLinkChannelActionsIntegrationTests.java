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
 * Redirect, Hangup and PJSIPShowContacts over the link, against a fake AMI server speaking the real protocol over
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
    void contactsListsTheRegisteredEndpointsWithTheirStatus() throws Exception {
        PbxLink link = connected(new ScriptedAmi().on("PJSIPShowContacts", (action, session) -> {
            String id = action.get("ActionID");
            session.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                    + "Message: A listing of Contacts follows, presence events will follow as they change.\r\n\r\n");
            session.send(contact(id, "agent100", "sip:agent100-0x55e5@127.0.0.1:5070", "Reachable"));
            session.send(contact(id, "agent101", "sip:agent101-0x66f6@127.0.0.1:5071", "Unreachable"));
            session.send("Event: ContactListComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\n"
                    + "ListItems: 2\r\n\r\n");
        }));

        List<RegisteredContact> contacts = link.contacts().get(10, TimeUnit.SECONDS);

        assertThat(contacts).extracting(RegisteredContact::endpoint, RegisteredContact::status,
                RegisteredContact::isReachable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("agent100", "Reachable", true),
                        org.assertj.core.groups.Tuple.tuple("agent101", "Unreachable", false));
        assertThat(contacts.get(0).uri()).isEqualTo("sip:agent100-0x55e5@127.0.0.1:5070");
        assertThat(contacts).allMatch(c -> c.pbxId().equals("pbx-test"));
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

    private static String contact(String actionId, String endpoint, String uri, String status) {
        return "Event: ContactList\r\nActionID: " + actionId + "\r\nObjectType: contact\r\nObjectName: " + endpoint
                + "/" + uri + "\r\nViaAddr: \r\nQualifyTimeout: 3.000000\r\nCallId: \r\nRegServer: \r\n"
                + "PruneOnBoot: no\r\nPath: \r\nEndpoint: " + endpoint + "\r\nViaPort: 0\r\n"
                + "AuthenticateQualify: no\r\nUri: " + uri + "\r\nQualifyFrequency: 60\r\nUserAgent: \r\n"
                + "ExpirationTime: 0\r\nOutboundProxy: \r\nStatus: " + status + "\r\nRoundtripUsec: 1000\r\n\r\n";
    }
}
