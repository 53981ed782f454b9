package org.serveline.server.fieldwork.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.serveline.server.web.PayloadTooLargeException;

/**
 * The field agents' photos and videos, named by the SHA-256 of their content under {@code root/ab/cd/<hash>}: a
 * stream is staged to a temp file (stopped as soon as it passes the limit), fsynced, then renamed into place; the
 * same content is stored once. The approach of the document store, kept apart from it: evidence of service has its
 * own root and limits.
 */
public final class EvidenceFiles {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public EvidenceFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Streams {@code in} to a temp file; more than {@code maxBytes} is refused before it is all read. */
    public Staged stage(InputStream in, long maxBytes) {
        try {
            Files.createDirectories(root.resolve("tmp"));
            Path temp = Files.createTempFile(root.resolve("tmp"), "field", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (size > maxBytes) {
                Files.deleteIfExists(temp);
                throw new PayloadTooLargeException("the file is larger than the limit of " + maxBytes + " bytes");
            }
            return new Staged(temp, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a staged file to its content address (or drops it when that content is already stored). */
    public Path commit(Staged staged) {
        Path target = pathOf(staged.sha256());
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(staged.file());
                return target;
            }
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(staged.file(), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a content address; anything but a lowercase hex SHA-256 is refused. */
    public Path pathOf(String sha256) {
        if (sha256 == null || !HASH.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 content address: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    public record Staged(Path file, String sha256, long size) {
    }
}
