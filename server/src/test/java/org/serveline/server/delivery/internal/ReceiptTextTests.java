package org.serveline.server.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** SMPP delivery receipts as SMSCs write them: states and done dates read in the SMSC's zone. */
class ReceiptTextTests {

    @Test
    void readsADeliveredReceiptWithMinutePrecisionInTheSmscZone() {
        ReceiptText receipt = ReceiptText.parse("id:0123456789 sub:001 dlvrd:001 submit date:2611301402 "
                + "done date:2611301403 stat:DELIVRD err:000 text:【乌海市", ZoneId.of("Asia/Shanghai")).orElseThrow();

        assertThat(receipt.messageId()).isEqualTo("0123456789");
        assertThat(receipt.stat()).isEqualTo("DELIVRD");
        assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2026-11-30T06:03:00Z"));
        assertThat(ReceiptText.delivered(receipt.stat())).isTrue();
    }

    @Test
    void readsFailedStatesWithSeconds() {
        for (String stat : new String[] {"UNDELIV", "EXPIRED", "REJECTD"}) {
            ReceiptText receipt = ReceiptText.parse("id:ab12 sub:001 dlvrd:000 submit date:261130140233 "
                    + "done date:261130141502 stat:" + stat + " err:001 text:", ZoneId.of("UTC")).orElseThrow();
            assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2026-11-30T14:15:02Z"));
            assertThat(ReceiptText.failed(receipt.stat())).as(stat).isTrue();
            assertThat(receipt.error()).isEqualTo("001");
        }
    }

    @Test
    void whatTheBuiltInSmscWritesReadsBack() {
        Instant submitted = Instant.parse("2026-11-30T05:00:01Z");
        Instant done = Instant.parse("2026-11-30T05:00:09Z");
        String text = ReceiptText.format("7f3a", "DELIVRD", submitted, done, ZoneId.of("UTC"), "000");

        assertThat(ReceiptText.parse(text, ZoneId.of("UTC"))).hasValueSatisfying(r -> {
            assertThat(r.messageId()).isEqualTo("7f3a");
            assertThat(r.doneAt()).isEqualTo(done);
        });
    }

    @Test
    void anythingElseIsNotAReceipt() {
        assertThat(ReceiptText.parse("hello, this is a mobile-originated text", ZoneId.of("UTC"))).isEmpty();
        assertThat(ReceiptText.parse("id:1 done date:99999 stat:DELIVRD", ZoneId.of("UTC"))).isEmpty();
    }
}
