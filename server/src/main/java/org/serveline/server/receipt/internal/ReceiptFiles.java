package org.serveline.server.receipt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Receipt PDFs named by the SHA-256 of their bytes under {@code root/ab/cd/<hash>}, written to a temp file, fsynced
 * and renamed into place, as the document store does ({@code document/internal/ContentAddressedFiles}, which this
 * feature may not reach into).
 */
public final class ReceiptFiles {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public ReceiptFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path store(String sha256, byte[] bytes) {
        Path target = pathOf(sha256);
        try {
            if (Files.exists(target)) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "receipt", ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store receipt " + sha256 + " under " + root, e);
        }
    }

    /** The stored bytes, or empty when the file is gone. */
    public Optional<byte[]> read(String sha256) {
        Path file = pathOf(sha256);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read receipt " + sha256, e);
        }
    }

    public Path pathOf(String sha256) {
        if (sha256 == null || !HASH.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 content address: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
