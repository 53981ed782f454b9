package org.serveline.server.fieldwork;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Photos and videos as a field agent's phone makes them, built by the tests. */
public final class FieldMedia {

    /** Where the test photos are taken: Wuhai, Inner Mongolia. */
    public static final double LATITUDE = 39.6553;
    public static final double LONGITUDE = 106.8253;
    public static final String EXIF_TIME = "2026:11:30 10:15:00";

    private FieldMedia() {
    }

    /** A JPEG whose EXIF carries DateTimeOriginal and a GPS position (written with Apache Commons Imaging). */
    public static byte[] jpegWithExif(String label) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TIME);
            exif.setGpsInDegrees(LONGITUDE, LATITUDE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(image("jpg", label), out, exif);
            return out.toByteArray();
        } catch (ImagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG without EXIF. */
    public static byte[] jpeg(String label) {
        return image("jpg", label);
    }

    public static byte[] png(String label) {
        return image("png", label);
    }

    /** The head of an MP4 file as phones write it (ISO base media, brand isom): an ftyp box, then an mdat box. */
    public static byte[] mp4() {
        return isoMedia("isom");
    }

    /** The head of a QuickTime movie (brand "qt  "). */
    public static byte[] quickTime() {
        return isoMedia("qt  ");
    }

    private static byte[] isoMedia(String brand) {
        ByteBuffer buffer = ByteBuffer.allocate(24 + 8 + 64);
        buffer.putInt(24).put(ascii("ftyp")).put(ascii(brand)).putInt(0x200).put(ascii(brand)).put(ascii("mp41"));
        buffer.putInt(8 + 64).put(ascii("mdat"));
        return buffer.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] image(String format, String label) {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(label.hashCode()));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.WHITE);
        g.drawString(label, 10, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
