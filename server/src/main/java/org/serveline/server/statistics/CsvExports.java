package org.serveline.server.statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.serveline.server.statistics.internal.FactRows;
import org.springframework.stereotype.Service;

/**
 * The task and attempt exports: RFC 4180 CSV (CRLF, quoted as needed) in UTF-8 with a byte-order mark so that Excel
 * reads the Chinese right; times in the query's zone. Text a person typed is guarded against being read as a
 * spreadsheet formula.
 */
@Service
public class CsvExports {

    static final String[] TASK_COLUMNS = {"任务编号", "法院", "案号", "受送达人", "诉讼地位", "状态", "送达方式", "提交时间",
        "审核通过时间", "首次呼叫时间", "送达记录时间", "送达日期", "呼叫次数", "开庭日期"};
    static final String[] ATTEMPT_COLUMNS = {"呼叫编号", "任务编号", "法院", "案号", "号码", "活动编号", "话务员", "呼叫时间",
        "接通时间", "结束时间", "结果", "应答按键", "应答按键时点（毫秒）", "告知脚本版本", "录音SHA-256"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FactRows rows;

    CsvExports(FactRows rows) {
        this.rows = rows;
    }

    public void tasks(StatisticsQuery query, OutputStream out) throws IOException {
        ZoneId zone = query.zone();
        write(out, TASK_COLUMNS, printer -> rows.tasks(query.court(), query.fromInstant(), query.untilInstant(),
                t -> print(printer, t.id(), t.court(), text(t.caseNumber()), text(t.partyName()), t.partyRole(),
                        t.state(), t.servedChannel(), time(t.submittedAt(), zone), time(t.approvedAt(), zone),
                        time(t.firstCallAt(), zone), time(t.servedAt(), zone), serviceDate(t.serviceDate(), zone),
                        t.attempts(), t.hearingDate())));
    }

    public void attempts(StatisticsQuery query, OutputStream out) throws IOException {
        ZoneId zone = query.zone();
        write(out, ATTEMPT_COLUMNS, printer -> rows.attempts(query.court(), query.fromInstant(),
                query.untilInstant(), a -> print(printer, a.id(), a.taskId(), a.court(), text(a.caseNumber()),
                        a.number(), a.campaignId(), text(a.operator()), time(a.createdAt(), zone),
                        time(a.answeredAt(), zone), time(a.endedAt(), zone), a.outcome(), a.consentDigit(),
                        a.decisionOffsetMs(), a.scriptVersion(), a.recordingSha256())));
    }

    private interface Rows {
        void write(CSVPrinter printer);
    }

    private static void write(OutputStream out, String[] header, Rows body) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(header).get().print(writer);
        try {
            body.write(printer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }

    private static void print(CSVPrinter printer, Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : at.atZone(zone).format(TIME);
    }

    private static String serviceDate(String written, ZoneId zone) {
        if (written == null) {
            return "";
        }
        try {
            return time(Instant.parse(written), zone);
        } catch (RuntimeException notAnInstant) {
            return written;
        }
    }

    /** A cell a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with an apostrophe. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
