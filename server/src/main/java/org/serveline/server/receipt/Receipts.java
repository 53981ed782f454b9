package org.serveline.server.receipt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.audit.AuditRecord;
import org.serveline.server.audit.AuditTrail;
import org.serveline.server.receipt.internal.ReceiptContent;
import org.serveline.server.receipt.internal.ReceiptEvidence;
import org.serveline.server.support.ContentAddressedFiles;
import org.serveline.server.receipt.internal.ReceiptPdf;
import org.serveline.server.receipt.internal.ReceiptRows;
import org.serveline.server.task.ServiceTask;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.task.TaskId;
import org.serveline.server.task.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues each served task's receipt once and keeps it: the PDF is stored by its SHA-256, the row and the
 * RECEIPT_ISSUED audit event commit together, and the task row is locked (SKIP LOCKED) while issuing, so several
 * nodes never issue two.
 */
@Service
public class Receipts {

    public static final String ISSUED = "RECEIPT_ISSUED";
    /** Unambiguous characters: no 0/O, 1/I/L. */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final ServiceTasks tasks;
    private final ReceiptRows rows;
    private final ReceiptEvidence evidence;
    private final ReceiptPdf pdf;
    private final ContentAddressedFiles files;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Receipts(ServiceTasks tasks, ReceiptRows rows, ReceiptEvidence evidence, ReceiptProperties properties,
            AuditTrail audit, Clock clock) {
        this.tasks = tasks;
        this.rows = rows;
        this.evidence = evidence;
        this.pdf = new ReceiptPdf(properties.font(), properties.fontName());
        this.files = new ContentAddressedFiles(properties.root());
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The task's receipt, issued now if it is served and has none. Empty when it is not served, when another node
     * is issuing it right now, or when it waits for the consent recording (the sweep comes back for it).
     */
    @Transactional
    public Optional<Receipt> issue(TaskId id) {
        Optional<String> state = rows.lockTask(id.value());
        if (state.isEmpty() || !TaskState.SERVED.name().equals(state.get())) {
            return rows.find(id.value());
        }
        Optional<Receipt> existing = rows.find(id.value());
        if (existing.isPresent()) {
            return existing;
        }
        ServiceTask task = tasks.get(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String code = newCode();
        return switch (evidence.gather(task, code, now)) {
            case ReceiptEvidence.Waiting waiting -> {
                log.info("receipt of task {} waits: {}", id, waiting.why());
                yield Optional.empty();
            }
            case ReceiptEvidence.Ready ready -> Optional.of(store(task, ready.content()));
        };
    }

    private Receipt store(ServiceTask task, ReceiptContent content) {
        byte[] bytes = pdf.render(content);
        String sha = sha256(bytes);
        files.store(sha, bytes);
        Receipt receipt = new Receipt(task.id().value(), content.verificationCode(), sha, bytes.length,
                task.courtId(), task.caseNumber(), content.service().channel(), content.service().serviceDate(),
                content.issuedAt());
        rows.insert(receipt);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sha256", sha);
        details.put("size", bytes.length);
        details.put("verificationCode", receipt.displayCode());
        details.put("channel", receipt.channel());
        details.put("serviceDate", receipt.serviceDate().toString());
        audit.append(new AuditRecord(task.id().auditChain(), "system", ISSUED, "task:" + task.id(), null, null,
                details));
        log.info("receipt of task {} issued: sha256 {}, code {}", task.id(), sha, receipt.displayCode());
        return receipt;
    }

    public Optional<Receipt> find(TaskId id) {
        return rows.find(id.value());
    }

    /** The stored PDF of an issued receipt, checked against its recorded SHA-256. */
    public StoredReceipt read(Receipt receipt) {
        Optional<byte[]> bytes = files.read(receipt.sha256());
        if (bytes.isEmpty()) {
            return new StoredReceipt(receipt, null, null);
        }
        return new StoredReceipt(receipt, bytes.get(), sha256(bytes.get()));
    }

    /** What verifying a code finds, or empty for a code nobody was given. */
    @Transactional(readOnly = true)
    public Optional<ReceiptVerification> verify(String code) {
        return rows.findByCode(code).map(receipt -> {
            StoredReceipt stored = read(receipt);
            boolean audited = audit.chain("task:" + receipt.taskId()).stream()
                    .anyMatch(e -> ISSUED.equals(e.action()) && e.details().contains("\"sha256\":\"" + receipt.sha256() + "\""));
            ReceiptVerification.Status status = stored.bytes() == null ? ReceiptVerification.Status.MISSING
                    : !audited || !stored.intact() ? ReceiptVerification.Status.ALTERED
                    : ReceiptVerification.Status.GENUINE;
            if (status != ReceiptVerification.Status.GENUINE) {
                log.error("receipt {} of task {} failed verification: {} (recorded {}, on disk {}, audited {})",
                        receipt.displayCode(), receipt.taskId(), status, receipt.sha256(), stored.actualSha256(),
                        audited);
            }
            return new ReceiptVerification(receipt, status, stored.actualSha256(), audited);
        });
    }

    private String newCode() {
        for (int tries = 0; tries < 10; tries++) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (!rows.codeTaken(code.toString())) {
                return code.toString();
            }
        }
        throw new IllegalStateException("no free verification code after 10 tries");
    }

    /** A code as typed by a person: dashes and spaces dropped, upper case; null when it cannot be a code. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return code.length() == 12 && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? code : null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receipt's stored bytes (null if the file is gone) and their actual SHA-256. */
    public record StoredReceipt(Receipt receipt, byte[] bytes, String actualSha256) {

        public boolean intact() {
            return bytes != null && receipt.sha256().equals(actualSha256);
        }
    }
}
