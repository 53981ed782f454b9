package org.serveline.server.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.serveline.server.task.TaskState;

/**
 * A task's statutory clocks: its service date (once served) and the deadlines it starts, and against the hearing
 * date the last day it may be served and whether it is at risk.
 *
 * @param serviceDate the instant of service as the SERVED move's evidence gives it (null until served)
 * @param serviceDay that instant's day in the court's time zone, the day periods count from
 * @param latestServiceDay the hearing date minus the court's hearing lead (null without a hearing date)
 * @param daysLeft days from today to {@code latestServiceDay} (negative when past; null without a hearing date)
 * @param answerPeriodEndsAfterHearing served, but so late that the answer period ends after the hearing
 */
public record TaskDeadlines(long taskId, String court, String caseNumber, TaskState state, boolean served,
        Instant serviceDate, LocalDate serviceDay, String serviceDateRule, LocalDate hearingDate,
        LocalDate latestServiceDay, Long daysLeft, boolean atRisk, boolean answerPeriodEndsAfterHearing,
        List<DeadlineRules.Deadline> deadlines, DeadlineProperties.Periods periods) {
}
