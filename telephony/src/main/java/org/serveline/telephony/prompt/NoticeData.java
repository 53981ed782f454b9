package org.serveline.telephony.prompt;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the notice tells one party.
 *
 * @param court      the court's name, e.g. 北京市朝阳区人民法院
 * @param caseNumber the case number, e.g. （2026）京0105民初1234号
 * @param partyName  the party addressed
 * @param documents  the documents served, in order
 * @param hearing    the hearing date and time, local to the court
 */
public record NoticeData(String court, String caseNumber, String partyName, List<String> documents,
        LocalDate hearingDate, LocalTime hearingTime) {

    public NoticeData {
        Objects.requireNonNull(court, "court");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(partyName, "partyName");
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("a notice names at least one document");
        }
    }

    /** The placeholder values of the notice templates. */
    public Map<String, String> values() {
        return Map.of("court", court, "caseNumber", caseNumber, "partyName", partyName,
                "documents", String.join("、", documents), "hearingSentence", hearingSentence());
    }

    /** With a LocalDateTime when the hearing's time is known. */
    public NoticeData(String court, String caseNumber, String partyName, List<String> documents,
            LocalDateTime hearing) {
        this(court, caseNumber, partyName, documents, hearing.toLocalDate(), hearing.toLocalTime());
    }

    /** "本案定于…开庭审理。" — or nothing when the documents concern no hearing. */
    private String hearingSentence() {
        if (hearingDate == null) {
            return "";
        }
        String date = hearingDate.getYear() + "年" + hearingDate.getMonthValue() + "月" + hearingDate.getDayOfMonth() + "日";
        return "本案定于" + date + (hearingTime == null ? "" : spokenTime(hearingTime)) + "开庭审理。";
    }

    private static String spokenTime(LocalTime time) {
        int hour = time.getHour();
        String halfDay = hour < 12 ? "上午" : "下午";
        int spokenHour = hour <= 12 ? hour : hour - 12;
        String minutes = time.getMinute() == 0 ? "" : time.getMinute() + "分";
        return halfDay + spokenHour + "点" + minutes;
    }
}
