package org.serveline.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.server.web.PayloadTooLargeException;

/** The one content-addressed store of documents, field evidence and receipts, on a real filesystem. */
class ContentAddressedFilesTests {

    @TempDir
    Path root;

    @Test
    void storedBytesAreReadBackUnderTheirHashAndStoredOnce() throws Exception {
        ContentAddressedFiles files = new ContentAddressedFiles(root);
        byte[] bytes = "送达回证".getBytes(StandardCharsets.UTF_8);
        String sha = hash(bytes);

        Path stored = files.store(sha, bytes);
        files.store(sha, bytes);

        assertThat(stored).isEqualTo(root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha));
        assertThat(files.read(sha)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(Files.list(root.resolve("tmp"))).as("no temp file left behind").isEmpty();
    }

    @Test
    void bytesAreNeverStoredUnderAnotherContentsAddress() {
        ContentAddressedFiles files = new ContentAddressedFiles(root);
        String other = hash("other".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> files.store(other, "this".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(other);
        assertThat(files.read(other)).isEmpty();
        assertThatThrownBy(() -> files.read("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        ContentAddressedFiles files = new ContentAddressedFiles(root);

        assertThatThrownBy(() -> files.stage(new ByteArrayInputStream(new byte[200_000]), 100_000))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("100000");
        assertThat(Files.list(root.resolve("tmp"))).isEmpty();
        ContentAddressedFiles.Staged exact = files.stage(new ByteArrayInputStream(new byte[100_000]), 100_000);
        assertThat(exact.size()).isEqualTo(100_000);
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
