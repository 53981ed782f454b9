package org.serveline.recordings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.RecordingStoreException;

class FileSystemRecordingStorageTests implements RecordingStorageContract {

    @TempDir
    Path dir;

    private int stores;

    @Override
    public RecordingStorage testee() {
        try {
            return new FileSystemRecordingStorage(Files.createDirectories(dir.resolve("store-" + stores++)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void objectsLiveUnderTheirHashFannedOutByTwoLevels() throws Exception {
        FileSystemRecordingStorage storage = new FileSystemRecordingStorage(dir.resolve("layout"));

        ContentAddress address = storage.put(new ByteArrayInputStream(SHORT));

        String hex = address.sha256();
        Path expected = storage.root().resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4))
            .resolve(hex);
        assertThat(expected).isRegularFile().hasBinaryContent(SHORT);
        assertThat(Files.getPosixFilePermissions(expected)).as("stored objects are read-only")
            .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE);
        try (var temp = Files.list(storage.root().resolve("tmp"))) {
            assertThat(temp).as("no upload left behind").isEmpty();
        }
    }

    @Test
    void anObjectIsNeverOverwritten() throws Exception {
        FileSystemRecordingStorage storage = new FileSystemRecordingStorage(dir.resolve("keep"));
        ContentAddress address = storage.put(new ByteArrayInputStream(SHORT));
        Path file = storage.pathOf(address);
        var inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        storage.put(new ByteArrayInputStream(SHORT));

        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
            .isEqualTo(inode);
    }

    @Test
    void addressesThatAreNotHashesAreRefusedBeforeAnyFileIsTouched() {
        for (String bad : new String[] { "../../../etc/passwd", "..", "/etc/passwd", "a".repeat(63),
                "g".repeat(64), "a".repeat(64) + "/..", "%2e%2e%2fsecret" }) {
            assertThatThrownBy(() -> ContentAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSymbolicLinkPointingOutsideTheRootIsNeverServed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "outside the store", StandardCharsets.UTF_8);
        FileSystemRecordingStorage storage = new FileSystemRecordingStorage(dir.resolve("planted"));
        ContentAddress address = new ContentAddress("ab".repeat(32));
        Path planted = storage.pathOf(address);
        Files.createDirectories(planted.getParent());
        Files.createSymbolicLink(planted, secret);

        assertThatThrownBy(() -> storage.get(address)).isInstanceOf(RecordingStoreException.class)
            .hasMessageContaining("outside the store");
        assertThatThrownBy(() -> storage.openRange(address, 0, 5)).isInstanceOf(RecordingStoreException.class);
        assertThatThrownBy(() -> storage.size(address)).isInstanceOf(RecordingStoreException.class);
    }
}
