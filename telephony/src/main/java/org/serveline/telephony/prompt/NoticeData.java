package org.serveline.telephony.prompt;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the notice tells one party. Only court, case, party and documents are always there: a judgment or a
 * ruling is served without a hearing, and a court may not have published a number yet.
 *
 * @param court          the court's name, e.g. 北京市朝阳区人民法院
 * @param caseNumber     the case number, e.g. （2026）京0105民初1234号
 * @param partyName      the party addressed
 * @param documents      the documents served, in order
 * @param hearingDate    the hearing date, local to the court; null when the documents concern no hearing
 * @param hearingTime    the hearing's time of day; null when unknown (or no hearing)
 * @param publishedPhone the court's published number a party can call to check the call is genuine; null if none
 */
public record NoticeData(String court, String caseNumber, String partyName, List<String> documents,
        LocalDate hearingDate, LocalTime hearingTime, String publishedPhone) {

    private static final String SPOKEN_DIGITS = "零幺二三四五六七八九";

    public NoticeData {
        Objects.requireNonNull(court, "court");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(partyName, "partyName");
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("a notice names at least one document");
        }
        if (hearingTime != null && hearingDate == null) {
            throw new IllegalArgumentException("a hearing time needs a hearing date");
        }
        if (publishedPhone != null && !publishedPhone.matches("[0-9 ()+-]{3,30}")) {
            throw new IllegalArgumentException("published phone '" + publishedPhone + "' is not a phone number");
        }
    }

    /** Without a published number. */
    public NoticeData(String court, String caseNumber, String partyName, List<String> documents,
            LocalDate hearingDate, LocalTime hearingTime) {
        this(court, caseNumber, partyName, documents, hearingDate, hearingTime, null);
    }

    /** With a LocalDateTime when the hearing's time is known. */
    public NoticeData(String court, String caseNumber, String partyName, List<String> documents,
            LocalDateTime hearing) {
        this(court, caseNumber, partyName, documents, hearing.toLocalDate(), hearing.toLocalTime());
    }

    /**
     * The placeholder values of the notice templates; a value that does not exist is absent, so an optional
     * segment that needs it is left out. {@code hearing} is "2027年1月15日上午9点30分" (the date alone without a
     * time), {@code hearingSentence} the whole sentence of template notice-v1.zh, {@code publishedPhone} the
     * number spoken digit by digit.
     */
    public Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        values.put("court", court);
        values.put("caseNumber", caseNumber);
        values.put("partyName", partyName);
        values.put("documents", String.join("、", documents));
        if (hearingDate != null) {
            values.put("hearing", spokenHearing());
            values.put("hearingSentence", "本案定于" + spokenHearing() + "开庭审理。");
        }
        if (publishedPhone != null && !publishedPhone.isBlank()) {
            values.put("publishedPhone", spokenNumber(publishedPhone));
        }
        return values;
    }

    private String spokenHearing() {
        String date = hearingDate.getYear() + "年" + hearingDate.getMonthValue() + "月" + hearingDate.getDayOfMonth()
                + "日";
        return date + (hearingTime == null ? "" : spokenTime(hearingTime));
    }

    private static String spokenTime(LocalTime time) {
        int hour = time.getHour();
        String halfDay = hour < 12 ? "上午" : "下午";
        int spokenHour = hour <= 12 ? hour : hour - 12;
        String minutes = time.getMinute() == 0 ? "" : time.getMinute() + "分";
        return halfDay + spokenHour + "点" + minutes;
    }

    /** "0473-3981234" → "零四七三，三九八幺二三四": digits one by one, groups apart, as numbers are read out. */
    static String spokenNumber(String number) {
        StringBuilder spoken = new StringBuilder();
        for (char c : number.strip().toCharArray()) {
            if (Character.isDigit(c)) {
                spoken.append(SPOKEN_DIGITS.charAt(c - '0'));
            } else if ((c == '-' || c == ' ') && !spoken.isEmpty() && spoken.charAt(spoken.length() - 1) != '，') {
                spoken.append('，');
            }
        }
        return spoken.toString();
    }
}
