package org.serveline.server.receipt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF itself: the font embedded as a subset, Chinese text extractable, the QR code readable. */
class ReceiptPdfTests {

    private static final String URL = "https://sd.example.cn/verify/ABCDEFGHJKMN";
    private final ReceiptPdf pdf = new ReceiptPdf(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            "WenQuanYiZenHei");

    @Test
    void theTextIsExtractableTheFontEmbeddedAsASubsetAndTheQrCodeReadsTheVerificationUrl() throws Exception {
        byte[] bytes = pdf.render(content(List.of()));
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("送 达 回 证", "(2026)内0303民初77号", "张三", "被告", "离婚纠纷", "电子送达",
                    "短信到达受送达人特定系统之日", "2026年11月30日 13:05:05（Asia/Shanghai）", "a".repeat(64),
                    "同意按键：1", "0分12.345秒（12345毫秒）", "受送达人首次打开文书链接", "IP地址：203.0.113.7",
                    "ABCD-EFGH-JKMN", URL);
            assertThat(text).doesNotContain("本案未经电话告知取得电子送达同意");
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).matches("[A-Z]{6}\\+WenQuanYiZenHei");   // subset tag
            assertThat(bytes.length).as("a subset, not the 17 MB collection").isLessThan(300_000);

            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(document.getNumberOfPages() - 1, 150);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
            assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(URL);
        }
    }

    @Test
    void manyEvidenceEventsFlowOntoMorePagesAndOddCharactersNeverBreakRendering() throws Exception {
        List<ReceiptContent.Evidence> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new ReceiptContent.Evidence(Instant.parse("2026-11-30T05:00:00Z").plusSeconds(i), "field",
                    "FIELD_SOMETHING_NEW", Map.of("note", "第" + i + "次\t换行\n🙂 " + "长".repeat(80))));
        }
        byte[] bytes = pdf.render(content(many));
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(2);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("直接送达：something new", "第59次 换行 ?", "note：");
        }
    }

    private static ReceiptContent content(List<ReceiptContent.Evidence> extra) {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("smscMessageId", "7f3a");
        List<ReceiptContent.Evidence> evidence = new java.util.ArrayList<>(List.of(new ReceiptContent.Evidence(
                Instant.parse("2026-11-30T05:06:00Z"), "party", "PORTAL_FIRST_OPEN",
                Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0"))));
        evidence.addAll(extra);
        return new ReceiptContent(77, "乌海市海南区人民法院", ZoneId.of("Asia/Shanghai"), "(2026)内0303民初77号", "离婚纠纷",
                new ReceiptContent.Party("张三", "被告", null, "+8613800138000"),
                List.of(new ReceiptContent.Document("d-1", "起诉状.pdf", "b".repeat(64))),
                new ReceiptContent.Service("ELECTRONIC", Instant.parse("2026-11-30T05:05:05Z"), "SMSC_DELIVERED",
                        "system", "+8613800138000", "id:7f3a stat:DELIVRD", other),
                new ReceiptContent.Consent("att-1", Instant.parse("2026-11-30T04:59:00Z"), "1",
                        Duration.ofMillis(12_345), "notice-v1.zh@abc", "+8613800138000", "rec-1", "a".repeat(64)),
                List.of(new ReceiptContent.Attempt("att-1", Instant.parse("2026-11-30T04:58:00Z"), "+8613800138000",
                        "CONSENTED", "a".repeat(64))),
                evidence, "ABCD-EFGH-JKMN", URL, Instant.parse("2026-11-30T05:07:00Z"));
    }
}
