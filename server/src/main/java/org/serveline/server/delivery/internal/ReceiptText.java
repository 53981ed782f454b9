package org.serveline.server.delivery.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMSC delivery receipt's text (SMPP 3.4 Appendix B): {@code id:… sub:… dlvrd:… submit date:YYMMDDhhmm[ss]
 * done date:YYMMDDhhmm[ss] stat:DELIVRD err:… text:…}. The dates carry no zone: they are read in the SMSC's.
 */
public record ReceiptText(String messageId, String stat, Instant doneAt, String error, String raw) {

    private static final Pattern FORMAT = Pattern.compile(
            "id:(\\S+).*?done date:(\\d{10}(?:\\d{2})?)\\s+stat:(\\w+)(?:\\s+err:(\\w+))?.*", Pattern.DOTALL);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    /** The final states a receipt can report. */
    public static boolean delivered(String stat) {
        return "DELIVRD".equals(stat);
    }

    public static boolean failed(String stat) {
        return switch (stat) {
            case "UNDELIV", "EXPIRED", "REJECTD", "DELETED", "UNKNOWN" -> true;
            default -> false;
        };
    }

    public static Optional<ReceiptText> parse(String text, ZoneId smscZone) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String date = m.group(2);
        LocalDateTime done = LocalDateTime.parse(date, date.length() == 10 ? MINUTES : SECONDS);
        return Optional.of(new ReceiptText(m.group(1), m.group(3).toUpperCase(), done.atZone(smscZone).toInstant(),
                m.group(4), text.strip()));
    }

    /** A receipt's text as an SMSC writes it (the built-in SMSC), dates with seconds. */
    public static String format(String messageId, String stat, Instant submitted, Instant done, ZoneId zone,
            String error) {
        return "id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:".formatted(messageId,
                delivered(stat) ? "001" : "000", SECONDS.format(submitted.atZone(zone)), SECONDS.format(done.atZone(zone)),
                stat, error);
    }
}
