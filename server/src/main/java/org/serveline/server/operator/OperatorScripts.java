package org.serveline.server.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.document.Documents;
import org.serveline.server.document.StoredDocument;
import org.serveline.server.task.ServiceTask;
import org.springframework.stereotype.Component;

/** What the operator reads to the party: the same facts as the automated notice, as lines on the screen. */
@Component
class OperatorScripts {

    static final String VERSION = "operator-v1.zh";

    private final Courts courts;
    private final Documents documents;

    OperatorScripts(Courts courts, Documents documents) {
        this.courts = courts;
        this.documents = documents;
    }

    List<String> scriptFor(ServiceTask task) {
        String court = courts.find(task.courtId()).map(Court::name).orElse(task.courtId());
        String names = String.join("、", task.documentIds().stream().map(documents::find).flatMap(Optional::stream)
                .map(StoredDocument::fileName).map(OperatorScripts::withoutExtension).toList());
        List<String> lines = new ArrayList<>();
        lines.add("您好，这里是" + court + "诉讼服务中心，本次通话将全程录音。请问是" + task.party().name() + "吗？");
        lines.add("本院受理的" + task.caseNumber() + "一案，依法向您送达" + (names.isEmpty() ? "诉讼文书" : names) + "。");
        if (task.hearingDate() != null) {
            lines.add("开庭日期为" + task.hearingDate() + "，请按时到庭。");
        }
        lines.add("请问您是否同意本院通过手机短信或电子邮件向您电子送达诉讼文书？");
        lines.add("请确认接收文书的手机号码或电子邮箱地址。");
        return List.copyOf(lines);
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
