package org.serveline.server.receipt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes lines of text top to bottom on A4 pages in one embedded font, wrapping long lines (at any character: a
 * SHA-256 has no spaces, Chinese needs none) and starting a new page when one is full.
 */
final class PdfLayout implements AutoCloseable {

    static final float MARGIN = 50;
    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PDDocument document;
    private final PDType0Font font;
    private final CmapLookup glyphs;
    private PDPageContentStream stream;
    private float y;

    PdfLayout(PDDocument document, TrueTypeFont ttf) throws IOException {
        this.document = document;
        this.font = PDType0Font.load(document, ttf, true);
        this.glyphs = ttf.getUnicodeCmapLookup();
        newPage();
    }

    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    /** A line centred on the page. */
    void centred(String text, float size) throws IOException {
        String printable = printable(text);
        float w = textWidth(printable, size);
        space(size * 1.6f);
        write(printable, (SIZE.getWidth() - w) / 2, size);
    }

    /** Text from the left margin (plus indent), wrapped to the page width. */
    void text(String text, float size, float indent) throws IOException {
        String printable = printable(text);
        float available = width() - indent;
        int start = 0;
        while (start < printable.length() || start == 0) {
            int end = fit(printable, start, available, size);
            space(size * 1.5f);
            write(printable.substring(start, end), MARGIN + indent, size);
            if (end >= printable.length()) {
                break;
            }
            start = end;
            indent = indent + size; // continuation lines hang under the first
            available = width() - indent;
        }
    }

    void gap(float points) throws IOException {
        space(points);
    }

    /** Makes room for a block {@code height} points high and returns the y of its bottom edge. */
    float block(float height) throws IOException {
        space(height);
        return y;
    }

    PDPageContentStream stream() {
        return stream;
    }

    private int fit(String text, int start, float available, float size) throws IOException {
        float used = 0;
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            float w = font.getStringWidth(new String(Character.toChars(cp))) / 1000 * size;
            if (used + w > available && i > start) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return i;
    }

    private void space(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
        y -= height;
    }

    private void write(String text, float x, float size) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y);
        stream.showText(text);
        stream.endText();
    }

    private float textWidth(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Control characters become spaces, characters the font lacks become '?': the text always renders. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder();
        (text == null ? "" : text).codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (glyphs.getGlyphId(cp) == 0) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = SIZE.getHeight() - MARGIN;
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
