package org.serveline.server.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.List;
import org.serveline.server.campaign.Campaign;
import org.serveline.server.campaign.CampaignLimits;
import org.serveline.server.campaign.CampaignState;
import org.serveline.server.campaign.Campaigns;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.intake.PartyRequest;
import org.serveline.server.intake.TaskIntake;
import org.serveline.server.intake.TaskRequest;
import org.serveline.server.task.PartyRole;
import org.serveline.server.task.Priority;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskQueries;
import org.serveline.server.task.TaskTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with two cases whose parties cover every behaviour of the PBX simulator's demo
 * numbers: most approved, one awaiting review, one returned, so a newcomer sees the whole life cycle at once.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String ACTOR = "demo";

    private final DemoProperties properties;
    private final Documents documents;
    private final TaskIntake intake;
    private final ServiceTasks tasks;
    private final TaskQueries queries;
    private final Campaigns campaigns;

    DemoData(DemoProperties properties, Documents documents, TaskIntake intake, ServiceTasks tasks,
            TaskQueries queries, Campaigns campaigns) {
        this.campaigns = campaigns;
        this.properties = properties;
        this.documents = documents;
        this.intake = intake;
        this.tasks = tasks;
        this.queries = queries;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!properties.enabled() || queries.list(new TaskQueries.Filter(null, null, null, null), 0, 1).total() > 0) {
            return;
        }
        StoredDocument summons = upload("传票.pdf", "Summons (2026)内0303民初1234号");
        StoredDocument complaint = upload("起诉状副本.pdf", "Complaint copy (2026)内0303民初1234号");
        List<String> docs = List.of(summons.id(), complaint.id());
        // The numbers' behaviours are set in the simulator (application-demo.yml).
        String[][] parties = {
            {"张伟", "+86 138 0000 1001"}, {"王芳", "+86 138 0000 1002"}, {"李娜", "+86 138 0000 1003"},
            {"刘洋", "+86 138 0000 1004"}, {"陈静", "+86 138 0000 1005"}, {"杨磊", "+86 138 0000 1006"},
            {"赵敏", "+86 138 0000 1007"}, {"周杰", "+86 473 123 1008"}, {"吴刚", "+86 138 0000 1009"},
            {"孙丽", "+86 138 0000 1010"}, {"黄强", "+86 138 0000 1011"},
        };
        for (int i = 0; i < parties.length; i++) {
            String caseNumber = i < 5 ? "(2026)内0303民初1234号" : "(2026)内0303民初1301号";
            ServiceTask task = intake.submit(request(caseNumber, parties[i][0], parties[i][1], docs, i), ACTOR);
            if (i < parties.length - 2) {
                tasks.move(task.id(), TaskTrigger.APPROVE, ACTOR, null);
            } else if (i == parties.length - 1) {
                tasks.move(task.id(), TaskTrigger.RETURN, ACTOR, "送达地址缺少门牌号，请补正");
            }
        }
        int judgments = seedWithoutOptionalFields();
        try {
            seedPostalAndNotice(docs);
        } catch (RuntimeException e) {
            log.warn("Demo data: no postal/notice demo tasks (is court {} configured?): {}", properties.postalCourt(),
                    e.getMessage());
        }
        Campaign campaign = campaigns.create("演示外呼 demo campaign", properties.court(), null, demoLimits(), ACTOR);
        campaigns.move(campaign.id(), CampaignState.RUNNING, ACTOR);
        log.info("Demo data: {} phone tasks in 3 cases (and the postal court's), campaign '{}' running; sign in to the console as clerk/clerk, "
                + "reviewer/reviewer or supervisor/supervisor", parties.length + judgments, campaign.name());
    }

    /**
     * A judgment served without a hearing: no hearing date or time, no cause, no address, e-mail or id number, one
     * phone each. Its parties key 1 during the greeting (then consent at the question, or hang up) or press 9 to
     * hear the notice again (application-demo.yml).
     */
    private int seedWithoutOptionalFields() {
        StoredDocument judgment = upload("民事判决书.pdf", "Judgment (2026)内0303民初1402号");
        String[][] parties = {{"郑明", "+86 138 0000 1012"}, {"冯雪", "+86 138 0000 1013"}, {"何平", "+86 138 0000 1014"}};
        for (String[] p : parties) {
            PartyRequest party = new PartyRequest(PartyRole.DEFENDANT, p[0], null, List.of(p[1]), null, null, null);
            ServiceTask task = intake.submit(new TaskRequest(properties.court(), "(2026)内0303民初1402号", null, party,
                    List.of(judgment.id()), null, null, null), ACTOR);
            tasks.move(task.id(), TaskTrigger.APPROVE, ACTOR, null);
        }
        return parties.length;
    }

    /**
     * Three tasks of the court that mails first (serveline.demo.postal-court): the built-in carrier signs the first
     * mailing and returns the second (refused), which goes to public notice; the third party has no address, so it
     * cannot be mailed and goes to public notice at once. Notices there run three minutes.
     */
    private void seedPostalAndNotice(List<String> docs) {
        String[][] parties = {{"郑州", "内蒙古乌海市海南区人民路8号"}, {"冯雪", "内蒙古乌海市海南区黄河街12号"}, {"褚云", null}};
        for (String[] party : parties) {
            PartyRequest request = new PartyRequest(PartyRole.DEFENDANT, party[0], null, List.of(), null, party[1], null);
            ServiceTask task = intake.submit(new TaskRequest(properties.postalCourt(), "(2026)内0303民初1402号",
                    "民间借贷纠纷", request, docs, Priority.NORMAL, LocalDate.now().plusDays(20), null), ACTOR);
            tasks.move(task.id(), TaskTrigger.APPROVE, ACTOR, null);
            tasks.move(task.id(), TaskTrigger.DISPATCH, ACTOR, null);
        }
    }

    /** Short retries and 24/7 hours, so the whole life cycle shows within two minutes. */
    private static CampaignLimits demoLimits() {
        return new CampaignLimits(20, 5, Duration.ofSeconds(10), LocalTime.MIN, LocalTime.of(23, 59, 59), true,
                Set.of(), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(10), 3, 3);
    }

    private TaskRequest request(String caseNumber, String name, String phone, List<String> docs, int i) {
        PartyRequest party = new PartyRequest(i % 2 == 0 ? PartyRole.DEFENDANT : PartyRole.PLAINTIFF, name, null,
                List.of(phone), null, "内蒙古乌海市海南区拉僧庙镇" + (i + 1) + "号", null);
        // the first case's hearing has its time set, the second's only its day
        return new TaskRequest(properties.court(), caseNumber, "民间借贷纠纷", party, docs,
                i == 0 ? Priority.URGENT : Priority.NORMAL, LocalDate.now().plusDays(20), LocalDate.now().plusDays(30),
                i < 5 ? LocalTime.of(9, 30) : null);
    }

    private StoredDocument upload(String name, String text) {
        byte[] pdf = ("%PDF-1.4\n% " + text + "\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        return documents.upload(new ByteArrayInputStream(pdf), name, ACTOR);
    }
}
