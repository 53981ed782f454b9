package org.serveline.recordings.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.serveline.recordings.ContentAddress;

/**
 * Content-addressed store for recording bytes (originals and listening copies). Every backend (filesystem, and later
 * an S3-compatible one) passes {@code RecordingStorageContract} from this module's test-jar.
 * <p>
 * Objects are immutable: a put of bytes already stored stores nothing new and returns the same address; nothing is
 * ever overwritten. Failures are {@link org.serveline.recordings.RecordingStoreException}s; an unknown address is a
 * {@link RecordingNotFoundException}.
 */
public interface RecordingStorage {

    /**
     * Stores the stream's bytes atomically (readers never see a partial object) and returns their SHA-256 address.
     * The stream is read to its end but not closed. If reading fails nothing is stored.
     */
    ContentAddress put(InputStream content);

    /** Stores a file's bytes; see {@link #put(InputStream)}. */
    ContentAddress put(Path file);

    /** Opens the whole object; the caller closes the stream. */
    InputStream get(ContentAddress address);

    /**
     * Opens {@code length} bytes from {@code offset} (fewer if the object ends first), for HTTP Range responses.
     *
     * @throws IllegalArgumentException if offset or length is negative, or offset is past the end of the object
     */
    InputStream openRange(ContentAddress address, long offset, long length);

    boolean exists(ContentAddress address);

    /** Size in bytes. */
    long size(ContentAddress address);

    /** Deletes an object (retention); returns false if there was none. */
    boolean delete(ContentAddress address);

    /** Every stored address; close the stream. */
    Stream<ContentAddress> list();
}
