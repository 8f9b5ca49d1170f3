package org.hearthmail.relay.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearthmail.relay.spool.SpoolFixtures.content;
import static org.hearthmail.relay.spool.SpoolFixtures.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDrainerTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2.0);
    private final SealPrivateKey key = SealPrivateKey.generate();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    /** Subjects the "mailstore" received, in order, opened with its private key. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private Spool spool;

    @BeforeEach
    void openSpool() throws IOException {
        spool = Spool.open(dir, 10L * 1024 * 1024, key.publicKey());
    }

    @AfterEach
    void close() throws Exception {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        spool.close();
    }

    private boolean deliver(SpoolEntry entry) {
        try (OpenedSpoolEntry e = entry.open(key)) {
            received.add(new String(e.content().readAllBytes()).lines().findFirst().orElseThrow());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private SpoolDrainer drainer(Function<SpoolEntry, CompletableFuture<Boolean>> sender, Duration timeout) {
        return new SpoolDrainer(spool, sender, executor, FAST, timeout);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void drainsEveryEntryInOrderAndRemovesEachAfterSuccess() throws Exception {
        for (int i = 1; i <= 5; i++) {
            spool(spool, "s" + i, content("m" + i));
        }
        try (SpoolDrainer d = drainer(e -> CompletableFuture.completedFuture(deliver(e)), Duration.ofSeconds(5))) {
            d.start();
            await(spool::isEmpty);
            await(() -> d.state() == SpoolDrainer.State.IDLE);
        }
        assertThat(received).containsExactly("Subject: m1", "Subject: m2", "Subject: m3", "Subject: m4", "Subject: m5");
    }

    @Test
    void aFailureStopsTheDrainKeepsTheEntryAndRetriesAfterBackoff() throws Exception {
        spool(spool, "a", content("first"));
        spool(spool, "b", content("second"));
        AtomicInteger attempts = new AtomicInteger();
        List<Long> tried = new CopyOnWriteArrayList<>();
        try (SpoolDrainer d = drainer(e -> {
            tried.add(e.sequence());
            if (attempts.incrementAndGet() <= 2) {
                return CompletableFuture.completedFuture(false);
            }
            return CompletableFuture.completedFuture(deliver(e));
        }, Duration.ofSeconds(5))) {
            d.start();
            await(spool::isEmpty);
            assertThat(d.consecutiveFailures()).isZero();
        }
        assertThat(tried).containsExactly(1L, 1L, 1L, 2L);
        assertThat(received).containsExactly("Subject: first", "Subject: second");
    }

    @Test
    void senderExceptionsAndTimeoutsCountAsFailures() throws Exception {
        spool(spool, "a", content("only"));
        AtomicInteger attempts = new AtomicInteger();
        try (SpoolDrainer d = drainer(e -> switch (attempts.incrementAndGet()) {
            case 1 -> throw new IllegalStateException("tunnel down");
            case 2 -> CompletableFuture.failedFuture(new IOException("connection refused"));
            case 3 -> new CompletableFuture<>(); // never answers
            default -> CompletableFuture.completedFuture(deliver(e));
        }, Duration.ofMillis(100))) {
            d.start();
            await(spool::isEmpty);
        }
        assertThat(attempts.get()).isEqualTo(4);
        assertThat(received).containsExactly("Subject: only");
    }

    @Test
    void aCommitWakesAnIdleDrainer() throws Exception {
        try (SpoolDrainer d = drainer(e -> CompletableFuture.completedFuture(deliver(e)), Duration.ofSeconds(5))) {
            d.start();
            await(() -> d.state() == SpoolDrainer.State.IDLE);
            spool(spool, "late", content("late"));
            await(() -> received.contains("Subject: late"));
            await(spool::isEmpty);
        }
    }

    @Test
    void kickDoesNotCutABackoffShortButRetryNowDoes() throws Exception {
        spool(spool, "a", content("a"));
        AtomicInteger attempts = new AtomicInteger();
        Backoff slow = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 1.0);
        try (SpoolDrainer d = new SpoolDrainer(spool, e -> attempts.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(false) : CompletableFuture.completedFuture(deliver(e)),
                executor, slow, Duration.ofSeconds(5))) {
            d.start();
            await(() -> d.state() == SpoolDrainer.State.BACKING_OFF);
            d.kick();
            spool(spool, "b", content("b"));
            Thread.sleep(100);
            assertThat(attempts.get()).isEqualTo(1);
            d.retryNow();
            await(spool::isEmpty);
        }
        assertThat(received).containsExactly("Subject: a", "Subject: b");
    }

    @Test
    void closedDrainerSendsNothingMore() throws Exception {
        SpoolDrainer d = drainer(e -> CompletableFuture.completedFuture(deliver(e)), Duration.ofSeconds(5));
        d.start();
        d.close();
        spool(spool, "a", content("a"));
        Thread.sleep(100);
        assertThat(received).isEmpty();
        assertThat(spool.entries()).hasSize(1);
        assertThat(d.state()).isEqualTo(SpoolDrainer.State.CLOSED);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0);
        assertThat(List.of(b.delayAfter(1), b.delayAfter(2), b.delayAfter(3), b.delayAfter(5), b.delayAfter(500)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}
