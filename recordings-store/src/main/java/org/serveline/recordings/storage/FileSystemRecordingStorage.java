package org.serveline.recordings.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.stream.Stream;

import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.RecordingStoreException;
import org.serveline.recordings.internal.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RecordingStorage} on a local (or mounted) filesystem. Layout under the root:
 * {@code sha256/ab/cd/abcd...} (two levels of fan-out by the first hex digits) and {@code tmp/} for uploads in flight,
 * on the same filesystem so the final rename is atomic. Stored files are made read-only. Every path is derived from a
 * validated {@link ContentAddress} and checked to resolve inside the root, so nothing outside it is ever served, even
 * through a planted symbolic link.
 */
public final class FileSystemRecordingStorage implements RecordingStorage {

    private static final Logger log = LoggerFactory.getLogger(FileSystemRecordingStorage.class);

    private static final int BUFFER = 1 << 16;

    private final Path root;

    private final Path objects;

    private final Path temp;

    public FileSystemRecordingStorage(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            this.objects = Files.createDirectories(this.root.resolve("sha256"));
            this.temp = Files.createDirectories(this.root.resolve("tmp"));
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot create the recording store at " + root + ": " + ex, ex);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public ContentAddress put(InputStream content) {
        Path upload = temp.resolve("upload-" + UUID.randomUUID());
        try {
            ContentAddress address = writeAndHash(content, upload);
            publish(upload, pathOf(address));
            return address;
        }
        catch (IOException ex) {
            throw new RecordingStoreException("storing a recording object failed: " + ex, ex);
        }
        finally {
            deleteQuietly(upload);
        }
    }

    @Override
    public ContentAddress put(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot read " + file + ": " + ex, ex);
        }
    }

    private static ContentAddress writeAndHash(InputStream content, Path upload) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel channel = FileChannel.open(upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), digest);
            content.transferTo(out);
            out.flush();
            channel.force(true);
        }
        return ContentAddress.ofDigest(digest.digest());
    }

    /** Links the upload under its address; an existing object is kept, never replaced. */
    private void publish(Path upload, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        upload.toFile().setReadOnly();
        try {
            // a hard link fails if the target exists, so two racing puts cannot overwrite each other
            Files.createLink(target, upload);
        }
        catch (FileAlreadyExistsException ex) {
            return;
        }
        catch (UnsupportedOperationException | IOException ex) {
            if (Files.exists(target)) {
                return;
            }
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        }
        AtomicFiles.fsyncDirectory(target.getParent());
    }

    @Override
    public InputStream get(ContentAddress address) {
        return openRange(address, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream openRange(ContentAddress address, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range: offset " + offset + ", length " + length);
        }
        Path file = servable(address);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (offset > size) {
                channel.close();
                throw new IllegalArgumentException(
                        "range starts at " + offset + " but " + address + " has " + size + " bytes");
            }
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        }
        catch (NoSuchFileException ex) {
            throw new RecordingNotFoundException(address);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot read " + address + ": " + ex, ex);
        }
    }

    @Override
    public boolean exists(ContentAddress address) {
        return Files.isRegularFile(pathOf(address));
    }

    @Override
    public long size(ContentAddress address) {
        try {
            return Files.size(servable(address));
        }
        catch (NoSuchFileException ex) {
            throw new RecordingNotFoundException(address);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot read the size of " + address + ": " + ex, ex);
        }
    }

    @Override
    public boolean delete(ContentAddress address) {
        Path file = pathOf(address);
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                AtomicFiles.fsyncDirectory(file.getParent());
                log.info("deleted recording object {}", address);
            }
            return deleted;
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot delete " + address + ": " + ex, ex);
        }
    }

    @Override
    public Stream<ContentAddress> list() {
        try {
            return Files.walk(objects, 3)
                .filter(Files::isRegularFile)
                .map(path -> path.getFileName().toString())
                .filter(name -> name.matches("[0-9a-f]{64}"))
                .map(ContentAddress::new);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot list the recording store: " + ex, ex);
        }
    }

    /** Where an address lives; pure path arithmetic on a validated hash. */
    Path pathOf(ContentAddress address) {
        String hex = address.sha256();
        return objects.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /** The address's file, refused if it resolves (for example through a symbolic link) outside the root. */
    private Path servable(ContentAddress address) {
        Path file = pathOf(address);
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(objects)) {
                log.error("refusing {}: it resolves to {}, outside the store {}", address, real, objects);
                throw new RecordingStoreException("refusing to serve " + address + ": it resolves outside the store");
            }
            return real;
        }
        catch (NoSuchFileException ex) {
            throw new RecordingNotFoundException(address);
        }
        catch (IOException ex) {
            throw new RecordingStoreException("cannot resolve " + address + ": " + ex, ex);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            log.warn("could not delete temporary upload {}: {}", path, ex.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
