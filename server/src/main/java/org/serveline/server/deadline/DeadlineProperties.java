package org.serveline.server.deadline;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The statutory periods a service date starts ({@code serveline.deadlines}); documented in
 * {@code config/application-sample.yml}. Each court may override any period; the rest come from {@code periods}.
 *
 * @param periods the deployment's periods
 * @param courts per court id, the periods that differ from {@code periods}
 * @param holidays public holidays: a period ending on one (or on a weekend) ends on the next working day
 *     (CPL Art. 85); working weekends (调休) are not modelled
 * @param riskWithin a task not served whose latest service day is this near (or past) is at risk (default P3D)
 */
@ConfigurationProperties("serveline.deadlines")
public record DeadlineProperties(Periods periods, Map<String, Periods> courts, List<LocalDate> holidays,
        Period riskWithin) {

    public DeadlineProperties {
        periods = new Periods(Period.ofDays(15), Period.ofDays(15), Period.ofDays(15), Period.ofDays(15))
                .overriddenBy(periods);
        courts = courts == null ? Map.of() : Map.copyOf(courts);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        riskWithin = riskWithin == null ? Period.ofDays(3) : riskWithin;
    }

    /** The periods of one court. */
    public Periods of(String court) {
        return periods.overriddenBy(courts.get(court));
    }

    /**
     * @param answer 答辩期: from service to the end of the time to answer (CPL Art. 128: 15 days)
     * @param evidence 举证期限: from service to the end of the time to produce evidence (at least 15 days in
     *     ordinary procedure)
     * @param appeal 上诉期: from service of a judgment to the end of the time to appeal (CPL Art. 171: 15 days)
     * @param hearingLead how long before the hearing the party must be served at the latest, so that the answer
     *     period runs out before it; a task not served by then is at risk
     */
    public record Periods(Period answer, Period evidence, Period appeal, Period hearingLead) {

        Periods overriddenBy(Periods other) {
            if (other == null) {
                return this;
            }
            return new Periods(other.answer != null ? other.answer : answer,
                    other.evidence != null ? other.evidence : evidence,
                    other.appeal != null ? other.appeal : appeal,
                    other.hearingLead != null ? other.hearingLead : hearingLead);
        }
    }
}
