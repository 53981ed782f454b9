package org.serveline.recordings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.RecordingStoreException;

/**
 * The behaviour every {@link RecordingStorage} backend must have. A backend's test class implements this interface
 * and returns a fresh, empty store from {@link #testee()}.
 */
public interface RecordingStorageContract {

    /** A fresh, empty storage. */
    RecordingStorage testee();

    byte[] SHORT = "a recorded call".getBytes(StandardCharsets.UTF_8);

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static List<ContentAddress> listed(RecordingStorage storage) {
        try (Stream<ContentAddress> all = storage.list()) {
            return all.toList();
        }
    }

    @Test
    default void putReturnsTheSha256OfTheBytes() throws Exception {
        byte[] bytes = randomBytes(300_000, 1);

        ContentAddress address = testee().put(new ByteArrayInputStream(bytes));

        assertThat(address.sha256()).isEqualTo(sha256Hex(bytes));
    }

    @Test
    default void getReturnsExactlyTheStoredBytes() throws Exception {
        RecordingStorage storage = testee();
        byte[] bytes = randomBytes(200_001, 2);

        ContentAddress address = storage.put(new ByteArrayInputStream(bytes));

        assertThat(readAll(storage.get(address))).isEqualTo(bytes);
        assertThat(storage.exists(address)).isTrue();
        assertThat(storage.size(address)).isEqualTo(bytes.length);
    }

    @Test
    default void putFromAFileStoresItsBytes(@TempDir Path dir) throws Exception {
        RecordingStorage storage = testee();
        byte[] bytes = randomBytes(70_000, 3);
        Path file = Files.write(dir.resolve("call.wav"), bytes);

        ContentAddress address = storage.put(file);

        assertThat(address.sha256()).isEqualTo(sha256Hex(bytes));
        assertThat(readAll(storage.get(address))).isEqualTo(bytes);
        assertThat(file).exists();
    }

    @Test
    default void theSameBytesAreStoredOnce() {
        RecordingStorage storage = testee();

        ContentAddress first = storage.put(new ByteArrayInputStream(SHORT));
        ContentAddress second = storage.put(new ByteArrayInputStream(SHORT.clone()));

        assertThat(second).isEqualTo(first);
        assertThat(listed(storage)).containsExactly(first);
    }

    @Test
    default void anEmptyObjectCanBeStored() throws Exception {
        RecordingStorage storage = testee();

        ContentAddress address = storage.put(InputStream.nullInputStream());

        assertThat(address.sha256()).isEqualTo(sha256Hex(new byte[0]));
        assertThat(storage.size(address)).isZero();
        assertThat(readAll(storage.get(address))).isEmpty();
    }

    @Test
    default void aFailingStreamStoresNothing() {
        RecordingStorage storage = testee();
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };

        assertThatThrownBy(() -> storage.put(failing)).isInstanceOf(RecordingStoreException.class)
            .hasMessageContaining("connection reset");
        assertThat(listed(storage)).isEmpty();
    }

    @Test
    default void unknownAddressesAreNotFound() {
        RecordingStorage storage = testee();
        ContentAddress unknown = new ContentAddress("0".repeat(64));

        assertThat(storage.exists(unknown)).isFalse();
        assertThatThrownBy(() -> storage.get(unknown)).isInstanceOf(RecordingNotFoundException.class);
        assertThatThrownBy(() -> storage.size(unknown)).isInstanceOf(RecordingNotFoundException.class);
        assertThatThrownBy(() -> storage.openRange(unknown, 0, 10)).isInstanceOf(RecordingNotFoundException.class);
        assertThat(storage.delete(unknown)).isFalse();
    }

    @Test
    default void aRangeReturnsThoseBytes() throws Exception {
        RecordingStorage storage = testee();
        byte[] bytes = randomBytes(100_000, 4);
        ContentAddress address = storage.put(new ByteArrayInputStream(bytes));

        byte[] middle = readAll(storage.openRange(address, 12_345, 1_000));

        assertThat(middle).isEqualTo(java.util.Arrays.copyOfRange(bytes, 12_345, 13_345));
    }

    @Test
    default void aRangePastTheEndStopsAtTheEnd() throws Exception {
        RecordingStorage storage = testee();
        byte[] bytes = randomBytes(10_000, 5);
        ContentAddress address = storage.put(new ByteArrayInputStream(bytes));

        assertThat(readAll(storage.openRange(address, 9_990, 500))).isEqualTo(
                java.util.Arrays.copyOfRange(bytes, 9_990, 10_000));
        assertThat(readAll(storage.openRange(address, 10_000, 5))).isEmpty();
    }

    @Test
    default void invalidRangesAreRefused() {
        RecordingStorage storage = testee();
        ContentAddress address = storage.put(new ByteArrayInputStream(SHORT));

        assertThatThrownBy(() -> storage.openRange(address, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.openRange(address, 0, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.openRange(address, SHORT.length + 1L, 5))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void deleteRemovesOnlyThatObject() {
        RecordingStorage storage = testee();
        ContentAddress kept = storage.put(new ByteArrayInputStream(randomBytes(1000, 6)));
        ContentAddress deleted = storage.put(new ByteArrayInputStream(randomBytes(1000, 7)));

        assertThat(storage.delete(deleted)).isTrue();

        assertThat(storage.exists(deleted)).isFalse();
        assertThat(storage.exists(kept)).isTrue();
        assertThat(listed(storage)).containsExactly(kept);
        assertThat(storage.delete(deleted)).isFalse();
    }

    @Test
    default void listReturnsEveryStoredObject() {
        RecordingStorage storage = testee();
        List<ContentAddress> stored = IntStream.range(0, 20)
            .mapToObj(i -> storage.put(new ByteArrayInputStream(randomBytes(100 + i, 100 + i))))
            .toList();

        assertThat(listed(storage)).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    @Timeout(30)
    default void concurrentPutsOfTheSameBytesStoreOneIntactObject() throws Exception {
        RecordingStorage storage = testee();
        byte[] bytes = randomBytes(500_000, 8);
        Callable<ContentAddress> put = () -> storage.put(new ByteArrayInputStream(bytes));
        List<ContentAddress> addresses;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<ContentAddress>> futures = pool.invokeAll(java.util.Collections.nCopies(8, put));
            addresses = futures.stream().map(RecordingStorageContract::join).toList();
        }

        assertThat(addresses).containsOnly(addresses.get(0));
        assertThat(listed(storage)).containsExactly(addresses.get(0));
        assertThat(readAll(storage.get(addresses.get(0)))).isEqualTo(bytes);
    }

    private static ContentAddress join(Future<ContentAddress> future) {
        try {
            return future.get();
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
