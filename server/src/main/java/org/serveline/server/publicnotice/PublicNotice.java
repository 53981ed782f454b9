package org.serveline.server.publicnotice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A published notice: its text, its period, when it elapses and the day the party is served. */
public record PublicNotice(long id, long taskId, String courtId, String courtName, String caseNumber,
        String partyName, String title, String body, String period, ZoneId timeZone, Instant publishedAt,
        Instant elapsesAt, LocalDate serviceDay, Status status, Instant elapsedAt) {

    public enum Status {
        /** 公告中: the period runs. */
        PUBLISHED("公告中"),
        /** 已届满: the period elapsed, the party is served. */
        ELAPSED("公告期满"),
        /** 已撤回: the task was cancelled while the notice ran. */
        WITHDRAWN("已撤回");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public NoticePeriod noticePeriod() {
        return NoticePeriod.parse(period);
    }
}
