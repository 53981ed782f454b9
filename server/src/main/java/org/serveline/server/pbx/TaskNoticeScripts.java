package org.serveline.server.pbx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.call.PbxGateway;
import org.serveline.server.court.Court;
import org.serveline.server.court.CourtProperties;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.telephony.notice.NoticeCall;
import org.serveline.telephony.notice.NoticeScript;
import org.serveline.telephony.prompt.NoticeData;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.NoticeTemplate;
import org.springframework.stereotype.Component;

/**
 * The notice a party hears, from the task behind the attempt: court, case number, the party's name, the
 * documents (by their file names, extension dropped), the hearing date and time when there is a hearing, and the
 * court's published number; in the court's own wording when it has one ({@code serveline.courts[].notice-template},
 * read at start-up so a broken file stops the node, not a call). The wording is kept under its version before the
 * call can play it. A mobile number that was dialled is read back for confirmation; otherwise the party is asked to
 * key one in.
 */
@Component
class TaskNoticeScripts {

    private final CallAttempts attempts;
    private final ServiceTasks tasks;
    private final Courts courts;
    private final Documents documents;
    private final NoticeScriptVersions versions;
    private final Map<String, CourtProperties.CourtSpec> specs;
    private final Map<String, NoticeTemplate> ownWording;

    TaskNoticeScripts(CallAttempts attempts, ServiceTasks tasks, Courts courts, Documents documents,
            CourtProperties courtProperties, NoticeScriptVersions versions) {
        this.attempts = attempts;
        this.tasks = tasks;
        this.courts = courts;
        this.documents = documents;
        this.versions = versions;
        this.specs = courtProperties.courts().stream()
                .collect(Collectors.toMap(CourtProperties.CourtSpec::id, Function.identity(), (a, b) -> b));
        this.ownWording = courtProperties.courts().stream().filter(spec -> spec.noticeTemplate() != null)
                .collect(Collectors.toMap(CourtProperties.CourtSpec::id,
                        spec -> NoticeTemplate.read(spec.noticeTemplate()), (a, b) -> b));
    }

    /** The notice of an attempt the PBX calls back for, read from its row and its task. */
    NoticeScript scriptFor(NoticeCall call, NoticePrompts prompts) {
        CallAttempt attempt = attempts.find(call.attemptId())
                .orElseThrow(() -> new IllegalArgumentException("no call attempt " + call.attemptId()));
        return scriptFor(tasks.get(new TaskId(attempt.taskId())), attempt.number(), prompts);
    }

    /**
     * The notice of a call about to be placed: from the task the dialer read when it opened the attempt (a task on
     * the phone channel does not change what the notice says), read again only when the call does not carry it.
     */
    NoticeScript scriptFor(PbxGateway.OutboundCall call, NoticePrompts prompts) {
        ServiceTask task = call.task() != null && call.task().id().value() == call.taskId() ? call.task()
                : tasks.get(new TaskId(call.taskId()));
        return scriptFor(task, call.numberE164(), prompts);
    }

    private NoticeScript scriptFor(ServiceTask task, String dialled, NoticePrompts prompts) {
        String court = courts.find(task.courtId()).map(Court::name).orElse(task.courtId());
        List<String> names = task.documentIds().stream().map(documents::find).flatMap(Optional::stream)
                .map(StoredDocument::fileName).map(TaskNoticeScripts::withoutExtension).toList();
        String publishedPhone = Optional.ofNullable(specs.get(task.courtId()))
                .map(CourtProperties.CourtSpec::publishedPhone).filter(phone -> !phone.isBlank()).orElse(null);
        NoticeData data = new NoticeData(court, task.caseNumber(), task.party().name(), names, task.hearingDate(),
                task.hearingTime(), publishedPhone);
        NoticeTemplate wording = ownWording.getOrDefault(task.courtId(), prompts.defaultTemplate());
        NoticeScript script = NoticeScript.of(prompts, wording, data, true,
                DialStrings.mobileNational(dialled));
        versions.keep(script.notice(), task.courtId(), prompts.voiceId());
        return script;
    }

    /** The consent step's question alone, its wording kept like a notice's. */
    NoticeScript consentStep(NoticePrompts prompts) {
        NoticeScript script = NoticeScript.consentStep(prompts, true, Optional.empty());
        versions.keep(script.notice(), null, prompts.voiceId());
        return script;
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
