package org.serveline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link against a fake AMI server speaking the real protocol over TCP on 127.0.0.1. */
@Timeout(30)
class PbxLinkIntegrationTests {

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

    private PbxLink start(ScriptedAmi script, PbxConfig config) throws Exception {
        link = PbxLink.asterisk(config, clock);
        link.start();
        return link;
    }

    private PbxConfig serve(ScriptedAmi script) throws Exception {
        server = new FakeAmiServer(script);
        return server.config("pbx-test");
    }

    @Test
    void logsInWithAnMd5ChallengeAndReportsUp() throws Exception {
        PbxLink link = start(new ScriptedAmi(), serve(new ScriptedAmi()));

        await().until(() -> link.health().isUp());

        List<Map<String, String>> actions = server.actions();
        assertThat(actions.get(0)).containsEntry("Action", "Challenge").containsEntry("AuthType", "MD5");
        assertThat(actions.get(1)).containsEntry("Action", "Login").containsEntry("AuthType", "MD5")
                .containsKey("Key").doesNotContainKey("Secret");
        assertThat(link.health().detail()).contains("127.0.0.1");
        assertThat(link.health().pbxId()).isEqualTo("pbx-test");
    }

    @Test
    void wrongSecretKeepsTheLinkDownAndRetriesWithBackoff() throws Exception {
        PbxConfig good = serve(new ScriptedAmi());
        PbxConfig wrong = new PbxConfig(good.id(), good.host(), good.port(), good.username(), "not-the-secret",
                good.reconnectMin(), good.reconnectMax(), good.responseTimeout(), good.pingInterval());
        PbxLink link = start(null, wrong);

        await().until(() -> server.actions().stream().filter(a -> "Login".equals(a.get("Action"))).count() >= 3);

        assertThat(link.health().isUp()).isFalse();
        assertThat(link.health().detail()).contains("authentication failed");
        assertThat(server.logins()).isZero();
    }

    @Test
    void droppedConnectionGoesDownThenUpAgain() throws Exception {
        PbxConfig config = serve(new ScriptedAmi()).withReconnect(Duration.ofMillis(300), Duration.ofSeconds(1));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        server.dropConnections();

        await().pollInterval(Duration.ofMillis(5)).until(() -> !link.health().isUp());
        assertThat(link.health().detail()).isEqualTo("connection lost");
        await().until(() -> link.health().isUp());
        assertThat(link.health().reconnects()).isEqualTo(1);
        assertThat(server.logins()).isEqualTo(2);
    }

    /** The link's own news reaches subscribers in line with the PBX's events: the tracker needs it (issue 12). */
    @Test
    void subscribersHearWhenTheLinkIsLostAndWhenItIsBack() throws Exception {
        PbxConfig config = serve(new ScriptedAmi()).withReconnect(Duration.ofMillis(300), Duration.ofSeconds(1));
        List<AmiEvent> news = new java.util.concurrent.CopyOnWriteArrayList<>();
        link = PbxLink.asterisk(config, clock);
        link.subscribe(event -> {
            if (event instanceof AmiEvent.LinkLost || event instanceof AmiEvent.LinkUp) {
                news.add(event);
            }
        });
        link.start();
        await().until(() -> news.size() == 1);

        server.dropConnections();

        await().until(() -> news.size() == 3);
        assertThat(news.get(0)).isInstanceOfSatisfying(AmiEvent.LinkUp.class, up -> assertThat(up.again()).isFalse());
        assertThat(news.get(1)).isInstanceOfSatisfying(AmiEvent.LinkLost.class,
                lost -> assertThat(lost.reason()).isEqualTo("connection lost"));
        assertThat(news.get(2)).isInstanceOfSatisfying(AmiEvent.LinkUp.class, up -> assertThat(up.again()).isTrue());
        assertThat(news.get(2).receivedAt()).isAfterOrEqualTo(news.get(1).receivedAt());
    }

    @Test
    void aSlowSubscriberNeverStallsTheReaderAndTheWaitIsMeasured() throws Exception {
        int count = 200;
        List<String> frames = IntStream.range(0, count).mapToObj(i -> "Event: VarSet\r\nChannel: PJSIP/x-1\r\n"
                + "Uniqueid: 1.1\r\nLinkedid: 1.1\r\nVariable: N\r\nValue: " + i + "\r\n\r\n").toList();
        PbxConfig config = serve(new ScriptedAmi().afterLogin(frames));
        CountDownLatch release = new CountDownLatch(1);
        List<AmiEvent> seen = new CopyOnWriteArrayList<>();
        link = PbxLink.asterisk(config, clock);
        link.subscribe(event -> {
            awaitQuietly(release);
            seen.add(event);
        });
        link.start();

        await().until(() -> link.metrics().eventsReceived() >= count);
        assertThat(link.metrics().eventsDelivered()).isLessThanOrEqualTo(1);
        assertThat(link.metrics().queueDepth()).isGreaterThanOrEqualTo(count - 1);
        release.countDown();

        await().until(() -> link.metrics().queueDepth() == 0
                && link.metrics().eventsDelivered() == link.metrics().eventsReceived());
        LinkMetrics metrics = link.metrics();
        assertThat(metrics.maxQueueDepth()).isGreaterThanOrEqualTo(count - 1);
        assertThat(metrics.maxQueueWait()).isPositive().isGreaterThanOrEqualTo(metrics.averageQueueWait());
        assertThat(seen.stream().filter(AmiEvent.VarSet.class::isInstance).map(e -> ((AmiEvent.VarSet) e).value()))
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(String::valueOf).toList());
    }

    /** The lag hook hears every handled event with its wait; a slow subscriber makes the later events wait longer. */
    @Test
    void theLagListenerHearsHowLongEachEventWaited() throws Exception {
        int count = 50;
        List<String> frames = IntStream.range(0, count).mapToObj(i -> "Event: VarSet\r\nChannel: PJSIP/x-1\r\n"
                + "Uniqueid: 1.1\r\nLinkedid: 1.1\r\nVariable: N\r\nValue: " + i + "\r\n\r\n").toList();
        PbxConfig config = serve(new ScriptedAmi().afterLogin(frames));
        CountDownLatch release = new CountDownLatch(1);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        List<String> pbxIds = new CopyOnWriteArrayList<>();
        link = PbxLink.asterisk(config, clock, (pbxId, waited) -> {
            pbxIds.add(pbxId);
            waits.add(waited);
        });
        link.subscribe(event -> awaitQuietly(release));
        link.start();
        await().until(() -> link.metrics().eventsReceived() >= count);
        release.countDown();

        await().until(() -> link.metrics().queueDepth() == 0
                && link.metrics().eventsDelivered() == link.metrics().eventsReceived());
        assertThat(waits).hasSizeGreaterThanOrEqualTo(count).allSatisfy(wait -> assertThat(wait.isNegative()).isFalse());
        assertThat(pbxIds).containsOnly("pbx-test");
        assertThat(waits.stream().max(Duration::compareTo).orElseThrow()).isEqualTo(link.metrics().maxQueueWait());
    }

    @Test
    void garbageUnknownEventsBadValuesAndStrayResponsesAreSurvived() throws Exception {
        PbxConfig config = serve(new ScriptedAmi().afterLogin(List.of(
                "this line is no AMI header\r\n%%%%\r\n\u0000\u0001\u0002\r\n\r\n",
                "Event: NoSuchEventInAnyAsterisk\r\nFoo: bar\r\n\r\n",
                "Event: Hangup\r\nChannel: PJSIP/bad-1\r\nUniqueid: 9.9\r\nLinkedid: 9.9\r\nCause: not-a-number\r\n\r\n",
                "Response: Success\r\nActionID: 12345_678#nobody-sent-this\r\nMessage: stray\r\n\r\n",
                "Response: Success\r\nMessage: no action id at all\r\n\r\n",
                "Event: Newchannel\r\nChannel: PJSIP/after-garbage-1\r\nUniqueid: 2.2\r\nLinkedid: 2.2\r\n"
                        + "ChannelState: 0\r\nChannelStateDesc: Down\r\n\r\n")));
        List<AmiEvent> seen = new CopyOnWriteArrayList<>();
        link = PbxLink.asterisk(config, clock);
        link.subscribe(seen::add);
        link.start();

        await().until(() -> seen.stream().anyMatch(e -> e instanceof AmiEvent.Newchannel n
                && n.channel().channel().equals("PJSIP/after-garbage-1")));

        assertThat(seen).filteredOn(AmiEvent.Hangup.class::isInstance).singleElement()
                .satisfies(e -> {
                    AmiEvent.Hangup hangup = (AmiEvent.Hangup) e;
                    assertThat(hangup.channel().channel()).isEqualTo("PJSIP/bad-1");
                    assertThat(hangup.cause()).isEqualTo(-1);
                });
        assertThat(seen).noneMatch(e -> e.name().contains("NoSuchEvent"));
        assertThat(link.metrics().malformedLines()).isEqualTo(3);
        assertThat(link.health().isUp()).isTrue();
        assertThat(link.health().reconnects()).isZero();
    }

    @Test
    void aTruncatedFrameThenADroppedConnectionLeadsToAReconnectAndNoHalfEvent() throws Exception {
        PbxConfig config = serve(new ScriptedAmi().afterLogin((login, session) -> {
            if (login > 1) {
                session.send("Event: Newchannel\r\nChannel: PJSIP/whole-1\r\nUniqueid: 3.3\r\nLinkedid: 3.3\r\n\r\n");
            }
            return true;
        }));
        List<AmiEvent> seen = new CopyOnWriteArrayList<>();
        link = PbxLink.asterisk(config, clock);
        link.subscribe(seen::add);
        link.start();
        await().until(() -> link.health().isUp());

        server.sendToAll("Event: Newchannel\r\nChannel: PJSIP/trunc");
        server.dropConnections();

        await().until(() -> link.health().isUp() && link.health().reconnects() == 1);
        await().until(() -> seen.stream().anyMatch(AmiEvent.Newchannel.class::isInstance));
        assertThat(seen).filteredOn(AmiEvent.Newchannel.class::isInstance)
                .extracting(e -> ((AmiEvent.Newchannel) e).channel().channel()).containsExactly("PJSIP/whole-1");
    }

    @Test
    void originateIsAsyncAndCarriesTheAttemptVariables() throws Exception {
        PbxConfig config = serve(new ScriptedAmi().on("Originate", (action, session) -> session.send(
                "Response: Success\r\nActionID: " + action.get("ActionID")
                        + "\r\nMessage: Originate successfully queued\r\n\r\n")));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        OriginateAccepted accepted = link.originate(request("A-77")).get(5, TimeUnit.SECONDS);

        assertThat(accepted.attemptId()).isEqualTo("A-77");
        assertThat(accepted.actionId()).isEqualTo("serveline-originate-A-77");
        Map<String, String> sent = server.actions().stream().filter(a -> "Originate".equals(a.get("Action")))
                .findFirst().orElseThrow();
        assertThat(sent).containsEntry("Async", "true").containsEntry("Context", "serveline-outbound")
                .containsEntry("Exten", "s").containsEntry("Priority", "1").containsEntry("Timeout", "30000");
        assertThat(sent.get("ActionID")).endsWith("#serveline-originate-A-77");
        assertThat(sent.get("Variable")).contains("SERVELINE_ATTEMPT_ID=A-77", "SERVELINE_TASK_ID=T-1",
                "SERVELINE_AGI_URL=agi://10.0.0.5:4573");
    }

    @Test
    void anOriginateAsteriskRefusesFailsAsRejected() throws Exception {
        PbxConfig config = serve(new ScriptedAmi().on("Originate", (action, session) -> session.send(
                "Response: Error\r\nActionID: " + action.get("ActionID")
                        + "\r\nMessage: Extension does not exist.\r\n\r\n")));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        assertThatThrownBy(() -> link.originate(request("A-78")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(OriginateRejectedException.class)
                .hasMessageContaining("Extension does not exist");
    }

    @Test
    void anOriginateWithoutResponseIsUnconfirmedNotRejected() throws Exception {
        PbxConfig config = serve(new ScriptedAmi().on("Originate", (action, session) -> { }))
                .withResponseTimeout(Duration.ofMillis(300));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        assertThatThrownBy(() -> link.originate(request("A-79")).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(OriginateUnconfirmedException.class);
    }

    @Test
    void anOriginateWhileDownIsRejectedAndNothingIsSent() throws Exception {
        PbxConfig config = serve(new ScriptedAmi());
        link = PbxLink.asterisk(config, clock);

        assertThatThrownBy(() -> link.originate(request("A-80")).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(OriginateRejectedException.class).hasMessageContaining("DOWN");
        assertThat(server.actions()).isEmpty();
    }

    @Test
    void liveAttemptsListsTheChannelsCarryingTheAttemptVariable() throws Exception {
        Map<String, Map<String, String>> variables = Map.of(
                "PJSIP/trunk-00000002", Map.of("SERVELINE_ATTEMPT_ID", "A-2", "SERVELINE_TASK_ID", "T-2"));
        PbxConfig config = serve(new ScriptedAmi()
                .on("CoreShowChannels", (action, session) -> {
                    String id = action.get("ActionID");
                    session.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                            + "Message: Channels will follow\r\n\r\n");
                    session.send(channel(id, "Local/1001@serveline-0001;1", "7.1",
                            "ChanVariable: SERVELINE_ATTEMPT_ID=A-1\r\nChanVariable: SERVELINE_TASK_ID=T-1\r\n"));
                    session.send(channel(id, "PJSIP/trunk-00000002", "7.2", ""));
                    session.send(channel(id, "PJSIP/agent100-00000003", "7.3", ""));
                    session.send("Event: CoreShowChannelsComplete\r\nActionID: " + id
                            + "\r\nEventList: Complete\r\nListItems: 3\r\n\r\n");
                })
                .on("Getvar", (action, session) -> session.send("Response: Success\r\nActionID: "
                        + action.get("ActionID") + "\r\nVariable: " + action.get("Variable") + "\r\nValue: "
                        + variables.getOrDefault(action.get("Channel"), Map.of())
                                .getOrDefault(action.get("Variable"), "") + "\r\n\r\n")));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        List<LiveAttempt> live = link.liveAttempts().get(10, TimeUnit.SECONDS);

        assertThat(live).extracting(LiveAttempt::attemptId, a -> a.taskId().orElse(""), LiveAttempt::uniqueId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A-1", "T-1", "7.1"),
                        org.assertj.core.groups.Tuple.tuple("A-2", "T-2", "7.2"));
        assertThat(live).allMatch(a -> a.pbxId().equals("pbx-test"));
    }

    @Test
    void aGetvarLeftUnansweredFailsTheListingRatherThanDroppingALiveCall() throws Exception {
        PbxConfig config = serve(oneChannelWithoutVariables().on("Getvar", (action, session) -> { }))
                .withResponseTimeout(Duration.ofMillis(500));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        assertThatThrownBy(() -> link.liveAttempts().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("unknown");
    }

    @Test
    void aChannelThatHungUpBeforeItsGetvarIsSimplyNotLive() throws Exception {
        PbxConfig config = serve(oneChannelWithoutVariables().on("Getvar", (action, session) -> session.send(
                "Response: Error\r\nActionID: " + action.get("ActionID") + "\r\nMessage: No such channel\r\n\r\n")));
        PbxLink link = start(null, config);
        await().until(() -> link.health().isUp());

        assertThat(link.liveAttempts().get(10, TimeUnit.SECONDS)).isEmpty();
    }

    private static ScriptedAmi oneChannelWithoutVariables() {
        return new ScriptedAmi().on("CoreShowChannels", (action, session) -> {
            String id = action.get("ActionID");
            session.send("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                    + "Message: Channels will follow\r\n\r\n");
            session.send(channel(id, "PJSIP/trunk-00000009", "9.1", ""));
            session.send("Event: CoreShowChannelsComplete\r\nActionID: " + id
                    + "\r\nEventList: Complete\r\nListItems: 1\r\n\r\n");
        });
    }

    @Test
    void liveAttemptsFailsClearlyWhenTheLinkIsDown() throws Exception {
        link = PbxLink.asterisk(serve(new ScriptedAmi()), clock);

        assertThatThrownBy(() -> link.liveAttempts().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AmiException.class).hasMessageContaining("DOWN");
    }

    static OriginateRequest request(String attemptId) {
        return new OriginateRequest(attemptId, "T-1", "PJSIP/13800000000@trunk",
                new OriginateRequest.Dialplan("serveline-outbound", "s", 1), "\"Court\" <5550000>",
                Duration.ofSeconds(30), Map.of("SERVELINE_AGI_URL", "agi://10.0.0.5:4573"));
    }

    private static String channel(String actionId, String channel, String uniqueId, String extra) {
        return "Event: CoreShowChannel\r\nActionID: " + actionId + "\r\nChannel: " + channel
                + "\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId
                + "\r\nApplication: AGI\r\nApplicationData: agi://127.0.0.1/notice\r\nDuration: 00:00:12\r\n"
                + extra + "\r\n";
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
