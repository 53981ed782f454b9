package org.serveline.server.receipt;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.serveline.server.court.Court;
import org.serveline.server.court.Courts;
import org.serveline.server.receipt.internal.EvidenceLabels;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public check of a receipt ({@code /verify/{code}}, no sign-in): whether the receipt with that code is genuine
 * and its SHA-256. Chinese HTML for a person who scanned the QR code; JSON for {@code Accept: application/json}.
 * It names the court, the case and the service date but not the party.
 */
@RestController
class VerifyController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");

    private final Receipts receipts;
    private final Courts courts;

    VerifyController(Receipts receipts, Courts courts) {
        this.receipts = receipts;
        this.courts = courts;
    }

    @GetMapping("/verify/{code}")
    ResponseEntity<?> verify(@PathVariable String code,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean json = accept != null && accept.contains("json") && !accept.contains("text/html");
        String normalised = Receipts.normalise(code);
        if (normalised == null) {
            return refuse(json, HttpStatus.BAD_REQUEST, "核验码格式不正确：核验码为12位字母和数字（如 ABCD-EFGH-JKMN）"
                    + " / a verification code is 12 letters and digits");
        }
        Optional<ReceiptVerification> found = receipts.verify(normalised);
        if (found.isEmpty()) {
            return refuse(json, HttpStatus.NOT_FOUND, "未找到该核验码对应的送达回证，请核对核验码"
                    + " / no receipt has this verification code");
        }
        ReceiptVerification v = found.get();
        Optional<Court> court = courts.find(v.receipt().courtId());
        return json ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body(v, court))
                : ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .body(html(v, court));
    }

    private static Map<String, Object> body(ReceiptVerification v, Optional<Court> court) {
        Receipt r = v.receipt();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", r.displayCode());
        body.put("status", v.status());
        body.put("genuine", v.status() == ReceiptVerification.Status.GENUINE);
        body.put("message", message(v.status()));
        body.put("sha256", r.sha256());
        body.put("storedSha256", v.actualSha256());
        body.put("recordedInAuditChain", v.audited());
        body.put("court", court.map(Court::name).orElse(r.courtId()));
        body.put("caseNumber", r.caseNumber());
        body.put("channel", r.channel());
        body.put("serviceDate", r.serviceDate());
        body.put("issuedAt", r.issuedAt());
        return body;
    }

    private static String message(ReceiptVerification.Status status) {
        return switch (status) {
            case GENUINE -> "该送达回证真实有效，文件与签发时记载的SHA-256一致。";
            case ALTERED -> "警告：该送达回证的存档文件与签发时记载的SHA-256不一致，可能已被篡改，请联系法院。";
            case MISSING -> "警告：该送达回证的存档文件缺失，无法核验，请联系法院。";
        };
    }

    private static String html(ReceiptVerification v, Optional<Court> court) {
        Receipt r = v.receipt();
        ZoneId zone = court.map(Court::timeZone).orElse(ZoneId.of("Asia/Shanghai"));
        boolean genuine = v.status() == ReceiptVerification.Status.GENUINE;
        return page(genuine ? "送达回证核验：真实有效" : "送达回证核验：存在异常", """
                <p class="%s">%s</p>
                <table>
                <tr><th>核验码</th><td>%s</td></tr>
                <tr><th>法院</th><td>%s</td></tr>
                <tr><th>案号</th><td>%s</td></tr>
                <tr><th>送达方式</th><td>%s</td></tr>
                <tr><th>送达日期</th><td>%s</td></tr>
                <tr><th>签发时间</th><td>%s</td></tr>
                <tr><th>回证SHA-256</th><td><code>%s</code></td></tr>
                <tr><th>存档文件SHA-256</th><td><code>%s</code></td></tr>
                <tr><th>审计链记载</th><td>%s</td></tr>
                </table>
                <p class="hint">可将所持送达回证PDF文件的SHA-256与上表“回证SHA-256”比对，一致即为原件。</p>"""
                .formatted(genuine ? "ok" : "bad", esc(message(v.status())), esc(r.displayCode()),
                        esc(court.map(Court::name).orElse(r.courtId())), esc(r.caseNumber()), esc(EvidenceLabels.channel(r.channel())),
                        esc(r.serviceDate().atZone(zone).format(TIME)), esc(r.issuedAt().atZone(zone).format(TIME)),
                        esc(r.sha256()), esc(v.actualSha256() == null ? "文件缺失" : v.actualSha256()),
                        v.audited() ? "已记载" : "未找到记载"));
    }

    private static ResponseEntity<?> refuse(boolean json, HttpStatus status, String detail) {
        if (json) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(status == HttpStatus.NOT_FOUND ? "Not found" : "Invalid request");
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML,
                StandardCharsets.UTF_8)).body(page("送达回证核验", "<p class=\"bad\">" + esc(detail)
                + "</p>"));
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem}
                th{text-align:left;padding-right:1rem;white-space:nowrap;vertical-align:top}code{word-break:break-all}
                .ok{color:#176b2c;font-weight:bold}.bad{color:#b00020;font-weight:bold}.hint{color:#555}</style>
                </head><body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(esc(title), esc(title), body);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
