package org.serveline.server.postal.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.serveline.server.postal.Mailing;

/**
 * The cover sheet (法院专递邮件封面) and the postal return card (送达回证, 邮寄送达) of a mailing as one PDF in
 * Chinese, WenQuanYi Zen Hei embedded as a subset, the tracking number as a Code 128 barcode on both pages.
 */
public final class CoverSheetPdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final float MARGIN = 56;

    /** What the sheet shows beyond the mailing: the court's name and zone, the case, the documents' names. */
    public record Sheet(Mailing mailing, String courtName, ZoneId zone, String caseNumber, List<String> documents) {
    }

    private final Path fontFile;

    public CoverSheetPdf(Path fontFile) {
        this.fontFile = fontFile;
    }

    public byte[] render(Sheet sheet) {
        try (PDDocument pdf = new PDDocument(); TrueTypeCollection fonts = new TrueTypeCollection(fontFile.toFile())) {
            PDType0Font font = PDType0Font.load(pdf, fonts.getFontByName("WenQuanYiZenHei"), true);
            Mailing m = sheet.mailing();
            String number = m.trackingNumber() == null ? null : m.trackingNumber().value();
            try (Page page = new Page(pdf, font)) {
                page.title("法院专递");
                page.line("邮件封面");
                page.gap();
                page.line("寄件人：" + sheet.courtName());
                page.line("收件人：" + m.recipient());
                page.line("收件地址：" + m.address());
                page.line("案号：" + sheet.caseNumber());
                page.line("内装文书：" + String.join("、", sheet.documents()) + "（共" + sheet.documents().size() + "份）");
                page.line("邮件号码：" + (number == null ? "（待填写）" : number));
                page.barcode(number);
                page.gap();
                page.line("本邮件为人民法院诉讼文书，请投递员按法院专递规定当面投交并由收件人在送达回证上签收。");
            }
            try (Page page = new Page(pdf, font)) {
                page.title("送达回证");
                page.line("（邮寄送达）");
                page.gap();
                page.line("送达法院：" + sheet.courtName());
                page.line("案号：" + sheet.caseNumber());
                page.line("送达文书：" + String.join("、", sheet.documents()));
                page.line("受送达人：" + m.recipient());
                page.line("送达地址：" + m.address());
                page.line("邮件号码：" + (number == null ? "（待填写）" : number));
                page.barcode(number);
                page.line("签收人：" + (m.signer() == null ? "________________" : m.signer()));
                page.line("与受送达人关系：" + (m.signerRelation() == null ? "□本人  □同住成年家属  □代收人"
                        : m.signerRelation().chinese()));
                page.line("签收日期：" + (m.signedAt() == null ? "______年____月____日"
                        : DATE.format(m.signedAt().atZone(sheet.zone()))));
                page.line("投递员：________________");
                page.line("备注：" + (m.returnReason() == null ? "" : "退回原因：" + m.returnReason().chinese()));
                page.gap();
                page.line("请收件人签收后由投递员将本回证退回寄件法院。");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the cover sheet with font " + fontFile, e);
        }
    }

    /** One A4 page written top-down. */
    private static final class Page implements AutoCloseable {
        private final PDPageContentStream content;
        private final PDType0Font font;
        private float y;

        Page(PDDocument pdf, PDType0Font font) throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            this.content = new PDPageContentStream(pdf, page);
            this.font = font;
            this.y = page.getMediaBox().getHeight() - MARGIN;
        }

        void title(String text) throws IOException {
            write(text, 22);
            y -= 8;
        }

        void line(String text) throws IOException {
            write(text, 12);
        }

        void gap() {
            y -= 10;
        }

        private void write(String text, float size) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            int from = 0;
            while (from < text.length()) {
                int to = from + 1;
                while (to < text.length() && font.getStringWidth(text.substring(from, to + 1)) / 1000 * size <= width) {
                    to++;
                }
                y -= size * 1.6f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(text.substring(from, to));
                content.endText();
                from = to;
            }
        }

        void barcode(String value) throws IOException {
            if (value == null) {
                return;
            }
            BitMatrix bars = new Code128Writer().encode(value, BarcodeFormat.CODE_128, 0, 0);
            float module = 1.4f;
            float height = 40;
            y -= height + 6;
            for (int x = 0; x < bars.getWidth(); x++) {
                if (bars.get(x, 0)) {
                    content.addRect(MARGIN + x * module, y, module, height);
                }
            }
            content.fill();
            y -= 4;
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}
