package org.serveline.server.support;

import java.io.ByteArrayInputStream;
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
import java.util.Optional;
import java.util.regex.Pattern;
import org.serveline.server.web.PayloadTooLargeException;
import org.serveline.server.web.ProblemText;

/**
 * Files named by the SHA-256 of their content under {@code root/ab/cd/<hash>}: written to a temp file, fsynced,
 * then renamed into place, so a reader never sees half a file and the same content is stored once. Documents, field
 * evidence and receipts each keep their own root.
 */
public final class ContentAddressedFiles {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public ContentAddressedFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Streams {@code in} to a temp file; more than {@code maxBytes} is refused before it is all read. */
    public Staged stage(InputStream in, long maxBytes) {
        try {
            Files.createDirectories(root.resolve("tmp"));
            Path temp = Files.createTempFile(root.resolve("tmp"), "upload", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0 && size <= maxBytes; ) {
                    size += n;
                    out.write(buffer, 0, n);
                }
            }
            if (size > maxBytes) {
                Files.deleteIfExists(temp);
                throw new PayloadTooLargeException(ProblemText.of("too-large.file",
                        "the file is larger than the limit of " + maxBytes + " bytes", maxBytes));
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

    /**
     * Stores bytes whose SHA-256 the caller has computed (and cited, e.g. in the audit chain): refused if they are
     * not what that hash names, so a file is never stored under another content's address.
     */
    public Path store(String sha256, byte[] bytes) {
        Staged staged = stage(new ByteArrayInputStream(bytes), Long.MAX_VALUE);
        if (!staged.sha256().equals(sha256)) {
            discard(staged);
            throw new IllegalArgumentException("the bytes hash to " + staged.sha256() + ", not " + sha256);
        }
        return commit(staged);
    }

    /** The stored bytes, or empty when there is no file at that address. */
    public Optional<byte[]> read(String sha256) {
        Path file = pathOf(sha256);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
