package org.hearthmail.relay.queue;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's logic on a real on-disk queue, with a scripted delivery agent and a manual clock. */
class DeliverySchedulerTest {
    @TempDir
    Path dir;
    QueueStore queue;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    List<DeliveryRequest> requests = Collections.synchronizedList(new ArrayList<>());
    List<String> notices = Collections.synchronizedList(new ArrayList<>());
    Function<String, String> replyFor; // address -> reply text; 2xx delivered, 4xx deferred, 5xx failed
    RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(5), Duration.ofHours(4));

    @BeforeEach
    void setUp() {
        queue = QueueStore.open(dir.resolve("q"));
    }

    DeliveryScheduler scheduler(DeliveryLimits limits) {
        DeliveryAgent agent = req -> {
            requests.add(req);
            return CompletableFuture.completedFuture(req.recipients().stream().map(r -> {
                String reply = replyFor.apply(r.address());
                return switch (reply.charAt(0)) {
                    case '2' -> (DeliveryOutcome) new DeliveryOutcome.Delivered(r.address(), reply, "mx.test");
                    case '5' -> new DeliveryOutcome.Failed(r.address(), reply, "mx.test");
                    default -> new DeliveryOutcome.Deferred(r.address(), reply, "mx.test");
                };
            }).toList());
        };
        NoticeSink sink = (m, kind, rs) -> rs.forEach(r -> notices.add(kind + " " + r.address()));
        return new DeliveryScheduler(queue, agent, agent, sink, null, policy, limits, clock);
    }

    QueuedMessage enqueue(String sender, String... rcpts) {
        List<RecipientState> rs = java.util.Arrays.stream(rcpts).map(a -> RecipientState.pending(a, List.of(), null)).toList();
        return queue.enqueue(new QueuedMessage("x", sender, null, null, null, false, clock.millis(), 0, false, Route.MX, rs),
                "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void oneAttemptPerRecipientDomainCarriesAllItsRecipients() throws Exception {
        replyFor = a -> "250 2.0.0 ok";
        enqueue("a@home.test", "x@one.test", "y@two.test", "z@one.test");
        DeliveryScheduler s = scheduler(DeliveryLimits.defaults());
        assertThat(s.runDue()).isEqualTo(2);
        assertThat(s.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(requests).extracting(DeliveryRequest::domain).containsExactlyInAnyOrder("one.test", "two.test");
        assertThat(requests).filteredOn(r -> r.domain().equals("one.test")).singleElement()
                .satisfies(r -> assertThat(r.recipients()).extracting(RecipientState::address).containsExactly("x@one.test", "z@one.test"));
        assertThat(queue.list()).as("fully delivered messages leave the queue").isEmpty();
    }

    @Test
    void temporaryFailuresBackOffDoublingUpToTheCapThenSucceed() throws Exception {
        int[] calls = {0};
        replyFor = a -> ++calls[0] < 8 ? "451 4.3.0 try later" : "250 2.0.0 ok";
        QueuedMessage m = enqueue("a@home.test", "x@one.test");
        DeliveryScheduler s = scheduler(DeliveryLimits.defaults());
        long[] expectedWaitsMin = {5, 10, 20, 40, 80, 160, 240};
        for (long wait : expectedWaitsMin) {
            assertThat(s.runDue()).isEqualTo(1);
            s.awaitIdle(Duration.ofSeconds(5));
            RecipientState r = queue.find(m.id()).orElseThrow().recipients().get(0);
            assertThat(r.status()).isEqualTo(RecipientStatus.DEFERRED);
            assertThat(r.lastReply()).isEqualTo("451 4.3.0 try later");
            assertThat(r.nextAttemptMillis() - clock.millis()).isEqualTo(Duration.ofMinutes(wait).toMillis());
            clock.advance(Duration.ofMinutes(wait).minusSeconds(1));
            assertThat(s.runDue()).as("nothing is due before the back-off ends").isZero();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(s.runDue()).isEqualTo(1);
        s.awaitIdle(Duration.ofSeconds(5));
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(calls[0]).isEqualTo(8);
        assertThat(notices).as("a delay notice once the message waited 4 hours, only once").containsExactly("DELAYED x@one.test");
    }

    @Test
    void permanentFailureBouncesAtOnceWithAFailureNotice() throws Exception {
        replyFor = a -> a.startsWith("bad") ? "550 5.1.1 no such user" : "250 2.0.0 ok";
        QueuedMessage m = enqueue("a@home.test", "bad@one.test", "good@one.test");
        DeliveryScheduler s = scheduler(DeliveryLimits.defaults());
        s.runDue();
        s.awaitIdle(Duration.ofSeconds(5));
        assertThat(notices).containsExactly("FAILED bad@one.test");
        assertThat(queue.find(m.id())).isEmpty();
    }

    @Test
    void retriesStopAfterTheGiveUpTimeAndTheRecipientBounces() throws Exception {
        replyFor = a -> "421 4.4.2 busy";
        QueuedMessage m = enqueue("a@home.test", "x@one.test");
        DeliveryScheduler s = scheduler(DeliveryLimits.defaults());
        for (int i = 0; i < 100 && queue.find(m.id()).isPresent(); i++) {
            s.runDue();
            s.awaitIdle(Duration.ofSeconds(5));
            clock.advance(Duration.ofHours(4));
        }
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(notices).containsExactly("DELAYED x@one.test", "FAILED x@one.test");
        // 5 days at 5, 10, ... 240 min then every 4 h: about 30 attempts, far fewer than the 100 allowed.
        assertThat(requests.size()).isBetween(25, 40);
    }

    @Test
    void nullSenderGetsNoNoticesAndHeldMessagesWaitUntilReleased() throws Exception {
        replyFor = a -> "550 5.1.1 no such user";
        QueuedMessage bounce = enqueue("", "x@one.test");
        QueuedMessage held = enqueue("a@home.test", "y@two.test");
        queue.update(held.id(), q -> q.withHeld(true));
        DeliveryScheduler s = scheduler(DeliveryLimits.defaults());
        assertThat(s.runDue()).isEqualTo(1);
        s.awaitIdle(Duration.ofSeconds(5));
        assertThat(notices).isEmpty();
        assertThat(queue.find(bounce.id())).isEmpty();
        assertThat(queue.find(held.id())).isPresent();
        queue.update(held.id(), q -> q.withHeld(false));
        assertThat(s.runDue()).isEqualTo(1);
    }

    @Test
    void perDestinationLimitCapsConcurrentAttemptsToOneDomain() throws Exception {
        List<CompletableFuture<List<DeliveryOutcome>>> pending = Collections.synchronizedList(new ArrayList<>());
        DeliveryAgent slow = req -> {
            CompletableFuture<List<DeliveryOutcome>> f = new CompletableFuture<>();
            pending.add(f);
            f.complete(List.of()); // no outcomes: recipients stay pending
            return new CompletableFuture<>(); // never completes: stays in flight
        };
        for (int i = 0; i < 5; i++) {
            enqueue("a@home.test", "x" + i + "@one.test");
        }
        enqueue("a@home.test", "y@two.test");
        DeliveryScheduler s = new DeliveryScheduler(queue, slow, slow, NoticeSink.NONE, null, policy,
                new DeliveryLimits(10, 2), clock);
        assertThat(s.runDue()).isEqualTo(3); // two to one.test, one to two.test
        assertThat(s.runDue()).isZero();
        assertThat(s.activeAttempts()).isEqualTo(3);
    }
    @Test
    void newMailAndFreedSlotsAreServedAtOnceNotAtTheNextScan() throws Exception {
        replyFor = a -> "250 2.0.0 ok";
        DeliveryScheduler s = scheduler(new DeliveryLimits(1, 1));
        queue.onCommit(s::wake);
        s.start(Duration.ofHours(1)); // the first scan runs now, on an empty queue; the next would be an hour away
        try {
            Thread.sleep(200);
            enqueue("a@home.test", "x@one.test");
            enqueue("a@home.test", "y@one.test");
            enqueue("a@home.test", "z@one.test");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!queue.list().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // One slot: the second and third attempts could only start because each completion woke the scheduler.
            assertThat(queue.list()).as("all three delivered long before the next scheduled scan").isEmpty();
            assertThat(requests).hasSize(3);
        } finally {
            s.close();
        }
    }

    @Test
    void anUpdateThatFinishesAMessageRemovesItsMetadataAndContent() throws Exception {
        QueuedMessage m = enqueue("a@home.test", "x@one.test");
        java.nio.file.Path content = queue.contentPath(m.id());
        assertThat(content).exists();
        QueuedMessage after = queue.update(m.id(), q -> OutcomeRecorder.apply(q,
                List.of(new DeliveryOutcome.Delivered("x@one.test", "250 2.0.0 ok", "mx.test")), clock.millis(), policy).message())
                .orElseThrow();
        assertThat(after.finished()).isTrue();
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(content).doesNotExist();
        assertThat(queue.update(m.id(), q -> q)).as("gone for later updates too").isEmpty();
    }
}
