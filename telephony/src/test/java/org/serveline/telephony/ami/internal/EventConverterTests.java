package org.serveline.telephony.ami.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.PeerStatusEvent;
import org.junit.jupiter.api.Test;
import org.serveline.telephony.ami.AmiEvent;

class EventConverterTests {

    private static final Instant AT = Instant.parse("2026-11-26T23:51:16Z");
    private final EventConverter converter = new EventConverter();

    @Test
    void aHangupBecomesARecordWithItsChannelAndCause() {
        HangupEvent bean = new HangupEvent(this);
        bean.setChannel("Local/1004@simulated-parties-0000000f;2");
        bean.setUniqueId("1795737077.34");
        bean.setLinkedId("1795737077.33");
        bean.setChannelState(7);
        bean.setCause(17);
        bean.setCauseTxt("User busy");

        AmiEvent event = converter.convert(bean, AT).orElseThrow();

        assertThat(event).isEqualTo(new AmiEvent.Hangup(AT, new AmiEvent.ChannelRef(
                "Local/1004@simulated-parties-0000000f;2", "1795737077.34", "1795737077.33", 7, "", "", "", ""),
                17, "User busy"));
        assertThat(((AmiEvent.Hangup) event).channel().isLocalPartyHalf()).isTrue();
    }

    @Test
    void anOriginateResponseWithUnknownUniqueidHasNone() {
        OriginateResponseEvent bean = new OriginateResponseEvent(this);
        bean.setActionId("serveline-originate-A-1");
        bean.setResponse("Failure");
        bean.setReason(5);
        bean.setUniqueId("<unknown>");

        AmiEvent.OriginateResponse event = (AmiEvent.OriginateResponse) converter.convert(bean, AT).orElseThrow();

        assertThat(event.success()).isFalse();
        assertThat(event.reason()).isEqualTo(5);
        assertThat(event.uniqueId()).isEmpty();
        assertThat(event.actionId()).isEqualTo("serveline-originate-A-1");
    }

    @Test
    void aPeerStatusNamesTheEndpointWithoutItsTechnology() {
        PeerStatusEvent bean = new PeerStatusEvent(this);
        bean.setChannelType("PJSIP");
        bean.setPeer("PJSIP/agent100");
        bean.setPeerStatus("Reachable");

        AmiEvent.PeerStatus event = (AmiEvent.PeerStatus) converter.convert(bean, AT).orElseThrow();

        assertThat(event.endpoint()).isEqualTo("agent100");
        assertThat(event.status()).isEqualTo("Reachable");
    }

    @Test
    void otherEventsKeepTheirNameAndHeaders() {
        DeviceStateChangeEvent bean = new DeviceStateChangeEvent(this);
        bean.setDevice("PJSIP/agent100");
        bean.setState("NOT_INUSE");

        AmiEvent event = converter.convert(bean, AT).orElseThrow();

        assertThat(event).isInstanceOfSatisfying(AmiEvent.OtherEvent.class, other -> {
            assertThat(other.name()).isEqualTo("DeviceStateChange");
            assertThat(other.headers()).containsEntry("Device", "PJSIP/agent100").containsEntry("State", "NOT_INUSE")
                    .doesNotContainKey("Source");
        });
    }

    @Test
    void asteriskJavasLegacyDuplicatesAreDropped() {
        DialBeginEvent begin = new DialBeginEvent(this);
        begin.setDestChannel("Local/1@x;1");

        assertThat(converter.convert(new DialEvent(begin), AT)).isEmpty();
        assertThat(converter.convert(begin, AT)).get().isInstanceOf(AmiEvent.DialBegin.class);
    }

    @Test
    void missingFieldsBecomeEmptyOrMinusOne() {
        AmiEvent.Hangup event = (AmiEvent.Hangup) converter.convert(new HangupEvent(this), AT).orElseThrow();

        assertThat(event.cause()).isEqualTo(-1);
        assertThat(event.channel().channel()).isEmpty();
        assertThat(Map.of("state", event.channel().state())).containsEntry("state", -1);
    }
}
