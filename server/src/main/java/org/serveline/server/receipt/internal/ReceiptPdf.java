package org.serveline.server.receipt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link ReceiptContent} as a Chinese PDF with PDFBox: the CJK font embedded as a subset (the text stays
 * extractable), the verification URL as a QR code drawn in vector modules.
 */
public final class ReceiptPdf {

    private static final float BODY = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path fontFile;
    private final String fontName;

    public ReceiptPdf(Path fontFile, String fontName) {
        this.fontFile = fontFile;
        this.fontName = fontName;
    }

    public byte[] render(ReceiptContent content) {
        try (TrueTypeCollection collection = new TrueTypeCollection(fontFile.toFile());
                PDDocument document = new PDDocument()) {
            TrueTypeFont ttf = collection.getFontByName(fontName);
            if (ttf == null) {
                throw new IllegalStateException("no font " + fontName + " in " + fontFile
                        + " (serveline.receipts.font-name)");
            }
            info(document, content);
            try (PdfLayout page = new PdfLayout(document, ttf)) {
                write(page, content);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the receipt of task " + content.taskId(), e);
        }
    }

    private static void info(PDDocument document, ReceiptContent content) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("送达回证 " + content.caseNumber());
        info.setSubject("送达回证");
        info.setCreator("Serveline");
        info.setProducer("Serveline (Apache PDFBox)");
        Calendar issued = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        issued.setTimeInMillis(content.issuedAt().toEpochMilli());
        info.setCreationDate(issued);
    }

    private void write(PdfLayout page, ReceiptContent c) throws IOException {
        ZoneId zone = c.zone();
        page.centred(c.courtName(), 16);
        page.centred("送 达 回 证", 22);
        page.centred("（系统依据审计链记载的证据生成）", 9);
        page.gap(8);

        section(page, "一、案件与受送达人");
        field(page, "案号", c.caseNumber());
        field(page, "案由", orNone(c.cause()));
        field(page, "受送达人", c.party().name() + "（" + c.party().role() + "）");
        field(page, "受送达人地址", orNone(c.party().address()));
        field(page, "电子送达地址", orNone(c.party().electronicAddress()));
        field(page, "任务编号", Long.toString(c.taskId()));

        section(page, "二、送达文书");
        int n = 1;
        for (ReceiptContent.Document doc : c.documents()) {
            page.text(n++ + ". " + doc.fileName() + "（文书编号 " + doc.id() + "）", BODY, 10);
            page.text("SHA-256：" + orNone(doc.sha256()), BODY, 24);
        }

        section(page, "三、送达情况");
        ReceiptContent.Service s = c.service();
        field(page, "送达方式", EvidenceLabels.channel(s.channel()));
        field(page, "送达日期", s.serviceDate().atZone(zone).format(TIME) + "（" + zone.getId() + "）");
        field(page, "送达日期认定依据", EvidenceLabels.rule(s.serviceDateRule())
                + (s.serviceDateRule() == null ? "" : "（" + s.serviceDateRule() + "）"));
        field(page, "送达人", s.servedBy());
        field(page, "送达地址", orNone(s.address()));
        field(page, "送达回执", orNone(s.deliveryReceipt()));
        details(page, s.otherEvidence(), zone, 10);

        section(page, "四、同意电子送达的证据");
        if (c.consent() == null) {
            page.text("无（本案未经电话告知取得电子送达同意）", BODY, 10);
        } else {
            ReceiptContent.Consent consent = c.consent();
            field(page, "呼叫编号", consent.attemptId());
            field(page, "同意时间", consent.at() == null ? "未记载" : consent.at().atZone(zone).format(TIME));
            field(page, "同意按键", orNone(consent.digit()));
            field(page, "同意时点（录音内）", offset(consent.offset()));
            field(page, "告知脚本版本", orNone(consent.scriptVersion()));
            field(page, "确认的手机号码", orNone(consent.mobileNumber()));
            field(page, "录音编号", orNone(consent.recordingId()));
            field(page, "录音SHA-256", consent.recordingSha256() == null ? "录音尚未入库，以审计链记载为准"
                    : consent.recordingSha256());
        }

        section(page, "五、呼叫记录");
        if (c.attempts().isEmpty()) {
            page.text("无", BODY, 10);
        }
        for (ReceiptContent.Attempt a : c.attempts()) {
            page.text(a.at().atZone(zone).format(TIME) + "  呼叫编号 " + a.id() + "  号码 " + a.number() + "  结果 "
                    + orNone(a.outcome()), BODY, 10);
            if (a.recordingSha256() != null) {
                page.text("录音SHA-256：" + a.recordingSha256(), BODY, 24);
            }
        }

        section(page, "六、送达渠道证据（审计链）");
        if (c.evidence().isEmpty()) {
            page.text("无", BODY, 10);
        }
        for (ReceiptContent.Evidence e : c.evidence()) {
            page.text(e.at().atZone(zone).format(TIME) + "  " + EvidenceLabels.action(e.action()) + "（" + e.action()
                    + "，操作人 " + e.actor() + "）", BODY, 10);
            details(page, e.details(), zone, 24);
        }

        section(page, "七、核验");
        field(page, "核验码", c.verificationCode());
        field(page, "核验网址", c.verifyUrl());
        field(page, "签发时间", c.issuedAt().atZone(zone).format(TIME));
        qr(page, c.verifyUrl());
        page.text("本回证由系统根据审计链记载的证据自动生成，其SHA-256记载于审计链；扫描二维码或访问核验网址可核验真伪。",
                9, 0);
    }

    private static void section(PdfLayout page, String title) throws IOException {
        page.gap(6);
        page.text(title, 12, 0);
    }

    private static void field(PdfLayout page, String label, String value) throws IOException {
        page.text(label + "：" + value, BODY, 10);
    }

    private static void details(PdfLayout page, Map<String, Object> details, ZoneId zone, float indent)
            throws IOException {
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            page.text(EvidenceLabels.key(entry.getKey()) + "：" + value(entry.getValue(), zone), BODY, indent);
        }
    }

    /** A detail value: instants in the court's zone, nested values as compact JSON. */
    static String value(Object value, ZoneId zone) {
        if (value == null) {
            return "无";
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text).atZone(zone).format(TIME);
            } catch (RuntimeException notAnInstant) {
                return text;
            }
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return JSON.writeValueAsString(value);
        }
        return value.toString();
    }

    private static String offset(Duration offset) {
        if (offset == null) {
            return "未记载";
        }
        long ms = offset.toMillis();
        return String.format("%d分%02d.%03d秒（%d毫秒）", ms / 60_000, ms / 1000 % 60, ms % 1000, ms);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "无" : value;
    }

    /** The URL as a QR code, one filled square per dark module, 4 modules of quiet zone around it. */
    private static void qr(PdfLayout page, String url) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + url + " as a QR code", e);
        }
        float module = 3;
        float side = matrix.getWidth() * module;
        float bottom = page.block(side + 8 * module) + 4 * module;
        float left = PdfLayout.MARGIN + 10 + 4 * module;
        PDPageContentStream stream = page.stream();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    stream.addRect(left + col * module, bottom + side - (row + 1) * module, module, module);
                }
            }
        }
        stream.fill();
    }
}
