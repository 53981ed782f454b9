package org.serveline.server.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchesTests {

    @Test
    void whatQueuesWhileABatchIsHandledBecomesTheNextBatchAndEveryItemIsHandledOnceInOrder() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (Batches<Integer> batches0 = new Batches<>("test", 50, batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains(0)) {
                firstHeld.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            }
        })) {
            CompletableFuture<Void> first = batches0.add(0);
            assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                rest.add(batches0.add(i));
            }
            assertThat(batches0.waiting()).isEqualTo(120);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        assertThat(batches.getFirst()).containsExactly(0);
        assertThat(batches.subList(1, batches.size())).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(50))
                .hasSize(3); // 120 queued behind the first: 50 + 50 + 20
        assertThat(batches.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 120).boxed().toList());
    }

    @Test
    void aFailedBatchIsTriedItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handled = new CopyOnWriteArrayList<>();
        try (Batches<Integer> batches = new Batches<>("test", 10, batch -> {
            if (batch.contains(0)) {
                firstHeld.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            }
            if (batch.contains(13)) {
                throw new IllegalStateException("item 13 is bad");
            }
            handled.addAll(batch);
        })) {
            batches.add(0);
            assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> good = batches.add(12);
            CompletableFuture<Void> bad = batches.add(13);
            CompletableFuture<Void> alsoGood = batches.add(14);
            release.countDown();
            good.get(10, TimeUnit.SECONDS);
            alsoGood.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("item 13 is bad");
        }
        assertThat(handled).containsExactly(0, 12, 14);
    }

    @Test
    void afterCloseNothingIsTakenAndTheCallerIsToldAtOnce() {
        Batches<Integer> batches = new Batches<>("test", 10, batch -> {
        });
        batches.close();
        assertThat(batches.add(1)).isCompletedExceptionally();
    }
}
