package org.serveline.server.fieldwork.internal;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time and place a camera wrote into a photo (EXIF, read with metadata-extractor). The EXIF time is the camera's
 * local time without a zone: it is kept as written (ISO local date-time), never guessed into an instant.
 */
public final class MediaMetadata {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** What was found; each part null when absent or unreadable. */
    public record Found(String takenAtLocal, Double latitude, Double longitude) {
        static final Found NOTHING = new Found(null, null, null);
    }

    private MediaMetadata() {
    }

    public static Found read(Path file) {
        Metadata metadata;
        try (InputStream in = Files.newInputStream(file)) {
            metadata = ImageMetadataReader.readMetadata(in, Files.size(file));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return Found.NOTHING;
        }
        String taken = null;
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null) {
            taken = localTime(exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (taken == null && ifd0 != null) {
            taken = localTime(ifd0.getString(ExifIFD0Directory.TAG_DATETIME));
        }
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation where = gps == null ? null : gps.getGeoLocation();
        return where == null || where.isZero() ? new Found(taken, null, null)
                : new Found(taken, where.getLatitude(), where.getLongitude());
    }

    private static String localTime(String exifTime) {
        if (exifTime == null || exifTime.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(exifTime.strip(), EXIF_TIME).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
