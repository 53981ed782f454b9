package org.serveline.server.fieldwork.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.server.fieldwork.FieldMedia;

class MediaMetadataTests {

    @TempDir
    Path dir;

    @Test
    void theExifTimeAndGpsPositionOfAPhotoAreRead() throws IOException {
        Path photo = Files.write(dir.resolve("lodged.jpg"), FieldMedia.jpegWithExif("留置"));

        MediaMetadata.Found found = MediaMetadata.read(photo);

        assertThat(found.takenAtLocal()).isEqualTo("2026-11-30T10:15");
        assertThat(found.latitude()).isCloseTo(FieldMedia.LATITUDE, within(1e-4));
        assertThat(found.longitude()).isCloseTo(FieldMedia.LONGITUDE, within(1e-4));
    }

    @Test
    void aPhotoWithoutExifAndAVideoHeadYieldNothingRatherThanFailing() throws IOException {
        assertThat(MediaMetadata.read(Files.write(dir.resolve("plain.jpg"), FieldMedia.jpeg("plain"))))
                .isEqualTo(new MediaMetadata.Found(null, null, null));
        assertThat(MediaMetadata.read(Files.write(dir.resolve("clip.mp4"), FieldMedia.mp4())).latitude()).isNull();
        assertThat(MediaMetadata.read(Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3})))
                .isEqualTo(new MediaMetadata.Found(null, null, null));
    }
}
