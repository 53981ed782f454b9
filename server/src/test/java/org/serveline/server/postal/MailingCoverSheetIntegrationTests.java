package org.serveline.server.postal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.apache.pdfbox.rendering.PDFRenderer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.serveline.server.postal.carrier.RecordedCarrierServer;
import org.serveline.server.task.ServiceTasks;
import org.serveline.server.testsupport.FallbackChannelsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cover sheet and postal return card as a Chinese PDF, read back with PDFBox's text extraction. */
@FallbackChannelsIntegrationTest
class MailingCoverSheetIntegrationTests {

    private static final AtomicLong SERIAL = new AtomicLong(50_000_000 + System.nanoTime() % 1_000_000);

    @LocalServerPort
    int port;
    @Autowired
    ServiceTasks tasks;
    @Autowired
    RecordedCarrierServer carrier;

    @Test
    void theCoverSheetAndReturnCardNameCourtPartyAddressCaseDocumentsAndTheTrackingNumber() throws Exception {
        PostalTestSupport postal = new PostalTestSupport(port, tasks);
        long id = postal.taskInPostal("上官婉儿", "内蒙古乌海市海南区拉僧庙镇幸福街18号");
        TrackingNumber number = TrackingNumber.of("EA", SERIAL.incrementAndGet(), "CN");
        carrier.serve(number, "accepted.json");
        postal.enter(id, number.value());
        String caseNumber = postal.fixtures().clerk.get("/api/v1/tasks/" + id).body().get("caseNumber").asString();

        HttpResponse<byte[]> response = postal.getBytes("/api/v1/tasks/" + id + "/mailing/cover.pdf", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("法院专递", "送达回证", "邮寄送达", "上官婉儿", "内蒙古乌海市海南区拉僧庙镇幸福街18号",
                    caseNumber, "summons.pdf", "邮件号码：" + number.value(), "签收人", "Test court without telephone service");
            assertThat(fontNames(pdf)).anySatisfy(name -> assertThat(name).contains("WenQuanYiZenHei"));
            assertThat(barcodeOn(pdf, 0)).as("the barcode scans as the tracking number").isEqualTo(number.value());
            assertThat(barcodeOn(pdf, 1)).isEqualTo(number.value());
        }
    }

    /** Renders the page and reads its Code 128 barcode the way a scanner would (zxing on the pixels). */
    private static String barcodeOn(PDDocument pdf, int page) throws Exception {
        BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page, 200);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128),
                DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    @Test
    void beforeTheItemIsBookedTheNumberIsLeftToFillIn() throws Exception {
        PostalTestSupport postal = new PostalTestSupport(port, tasks);
        long id = postal.taskInPostal("东方朔", "内蒙古乌海市海南区幸福街19号");

        HttpResponse<byte[]> response = postal.getBytes("/api/v1/tasks/" + id + "/mailing/cover.pdf", true);

        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("邮件号码：（待填写）", "东方朔");
        }
        assertThat(postal.getBytes("/api/v1/tasks/" + id + "/mailing/cover.pdf", false).statusCode()).isEqualTo(401);
    }

    private static List<String> fontNames(PDDocument pdf) throws java.io.IOException {
        List<String> names = new ArrayList<>();
        for (PDPage page : pdf.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                names.add(font.getName());
            }
        }
        return names;
    }
}
