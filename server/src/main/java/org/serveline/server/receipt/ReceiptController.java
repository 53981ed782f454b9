package org.serveline.server.receipt;

import java.nio.charset.StandardCharsets;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskNotFoundException;
import org.serveline.server.task.TaskState;
import org.serveline.server.web.ConflictException;
import org.serveline.server.web.ProblemText;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A served task's receipt, as the PDF that was issued. */
@RestController
class ReceiptController {

    private final ServiceTasks tasks;
    private final Receipts receipts;

    ReceiptController(ServiceTasks tasks, Receipts receipts) {
        this.tasks = tasks;
        this.receipts = receipts;
    }

    @GetMapping("/api/v1/tasks/{id}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable long id) {
        if (id <= 0) {
            throw new TaskNotFoundException(id);
        }
        ServiceTask task = tasks.get(TaskId.inPath(id));
        if (task.state() != TaskState.SERVED) {
            throw new ConflictException(ProblemText.of("receipt.not-served",
                    "任务尚未送达（当前状态 " + task.state() + "），送达回证在送达后生成"
                    + " / task " + id + " is " + task.state() + ": a receipt exists once it is SERVED",
                    ProblemText.of("task.state." + task.state(), task.state().toString())));
        }
        Receipt receipt = receipts.find(task.id()).or(() -> receipts.issue(task.id()))
                .orElseThrow(() -> new ConflictException(ProblemText.of("receipt.issuing", "送达回证正在生成，请稍后再试"
                        + " / the receipt of task " + id + " is being issued; try again shortly")));
        Receipts.StoredReceipt stored = receipts.read(receipt);
        if (!stored.intact()) {
            throw new ReceiptDamagedException(receipt, stored.actualSha256());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("送达回证-" + receipt.caseNumber() + ".pdf", StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + receipt.sha256() + "\"")
                .header("X-Receipt-Sha256", receipt.sha256())
                .header("X-Receipt-Verification-Code", receipt.displayCode())
                .body(stored.bytes());
    }

    @ExceptionHandler(ReceiptDamagedException.class)
    ProblemDetail damaged(ReceiptDamagedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setTitle("Receipt damaged");
        return problem;
    }

    /** The stored PDF is gone or no longer has its recorded SHA-256: it is never served, nor silently re-made. */
    static class ReceiptDamagedException extends RuntimeException {
        ReceiptDamagedException(Receipt receipt, String actual) {
            super("送达回证文件已缺失或被改动，请联系管理员 / the stored receipt of task " + receipt.taskId()
                    + " does not match its recorded SHA-256 " + receipt.sha256() + " (on disk: "
                    + (actual == null ? "missing" : actual) + ")");
        }
    }
}
