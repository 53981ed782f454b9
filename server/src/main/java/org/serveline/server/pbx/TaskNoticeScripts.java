package org.serveline.server.pbx;

import java.util.List;
import java.util.Optional;
import org.serveline.server.call.CallAttempt;
import org.serveline.server.call.CallAttempts;
import org.serveline.server.court.Court;
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
import org.springframework.stereotype.Component;

/**
 * The notice a party hears, from the task behind the attempt: court, case number, the party's name, the
 * documents (by their file names, extension dropped) and the hearing date. A mobile number that was dialled is
 * read back for confirmation; otherwise the party is asked to key one in.
 */
@Component
class TaskNoticeScripts {

    private final CallAttempts attempts;
    private final ServiceTasks tasks;
    private final Courts courts;
    private final Documents documents;

    TaskNoticeScripts(CallAttempts attempts, ServiceTasks tasks, Courts courts, Documents documents) {
        this.attempts = attempts;
        this.tasks = tasks;
        this.courts = courts;
        this.documents = documents;
    }

    NoticeScript scriptFor(NoticeCall call, NoticePrompts prompts) {
        CallAttempt attempt = attempts.find(call.attemptId())
                .orElseThrow(() -> new IllegalArgumentException("no call attempt " + call.attemptId()));
        ServiceTask task = tasks.get(new TaskId(attempt.taskId()));
        String court = courts.find(task.courtId()).map(Court::name).orElse(task.courtId());
        List<String> names = task.documentIds().stream().map(documents::find).flatMap(Optional::stream)
                .map(StoredDocument::fileName).map(TaskNoticeScripts::withoutExtension).toList();
        NoticeData data = new NoticeData(court, task.caseNumber(), task.party().name(), names, task.hearingDate(), null);
        return NoticeScript.of(prompts, data, true, DialStrings.mobileNational(attempt.number()));
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
