package org.hearthmail.relay.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks due recipients from the queue and starts delivery attempts: one attempt per (message,
 * recipient domain), within per-destination and total limits; records each outcome durably, hands
 * bounce and delay notices on, and removes a message once every recipient is final.
 *
 * <p>The disk is the only state: each scan re-reads the queue, so operator actions from the
 * {@code queue} CLI (hold, retry, delete) take effect at the next scan without any signalling.
 */
public final class DeliveryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
    /** The group key of the mailstore route: all due recipients in one attempt. */
    public static final String MAILSTORE_GROUP = "(mailstore)";

    private final QueueStore store;
    private final DeliveryAgent mxAgent;
    private final DeliveryAgent mailstoreAgent;
    private final NoticeSink notices;
    private final SuppressionList suppression;
    private final RetryPolicy policy;
    private final DeliveryLimits limits;
    private final Clock clock;
    private volatile Throttle throttle = Throttle.NONE;

    private record Key(String id, String group) {
    }

    private final Set<Key> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perGroup = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private ScheduledExecutorService timer;
    /** A scan requested by {@link #wake()} and not yet run: further wakes fold into it. */
    private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();

    public DeliveryScheduler(QueueStore store, DeliveryAgent mxAgent, DeliveryAgent mailstoreAgent, NoticeSink notices,
                             SuppressionList suppression, RetryPolicy policy, DeliveryLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.mxAgent = Objects.requireNonNull(mxAgent, "mxAgent");
        this.mailstoreAgent = Objects.requireNonNull(mailstoreAgent, "mailstoreAgent");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.suppression = suppression;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Rate limits and warm-up caps for MX deliveries (default: none). */
    public void throttle(Throttle t) {
        this.throttle = Objects.requireNonNull(t, "throttle");
    }

    /** Scans every {@code tick} on a daemon thread until {@link #close()}. */
    public synchronized void start(Duration tick) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::safeRun, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for a scan now instead of at the next tick (a slot was freed, or mail was queued). Wakes
     * that arrive while one is pending fold into it, so a burst of completions costs one scan.
     */
    public void wake() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        // With every slot busy a scan could start nothing; the next completion wakes it again.
        if (t == null || active.get() >= limits.total() || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            t.execute(() -> {
                wakePending.set(false);
                safeRun();
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            wakePending.set(false); // closed meanwhile: nothing left to scan for
        }
    }

    private void safeRun() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.error("queue scan failed: {}", e.getMessage(), e);
        }
    }

    /** One scan: starts every due attempt the limits allow. Returns how many were started. */
    public synchronized int runDue() {
        long now = clock.millis();
        int started = 0;
        for (QueuedMessage msg : store.list()) {
            if (msg.finished()) {
                store.delete(msg.id());
                continue;
            }
            if (msg.held()) {
                continue;
            }
            for (Map.Entry<String, List<RecipientState>> g : dueGroups(msg, now).entrySet()) {
                Key key = new Key(msg.id(), g.getKey());
                AtomicInteger groupCount = perGroup.computeIfAbsent(g.getKey(), k -> new AtomicInteger());
                if (inFlight.contains(key) || active.get() >= limits.total()
                        || groupCount.get() >= limits.perDestination()) {
                    continue;
                }
                if (msg.route() == Route.MX && !throttle.tryAcquire(g.getKey(), g.getValue().size(), now)) {
                    continue;
                }
                inFlight.add(key);
                groupCount.incrementAndGet();
                active.incrementAndGet();
                started++;
                launch(key, msg, g.getValue(), groupCount);
            }
        }
        return started;
    }

    private static Map<String, List<RecipientState>> dueGroups(QueuedMessage msg, long now) {
        Map<String, List<RecipientState>> groups = new LinkedHashMap<>();
        for (RecipientState r : msg.recipients()) {
            if (r.dueAt(now)) {
                String group = msg.route() == Route.MAILSTORE ? MAILSTORE_GROUP : r.domain();
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(r);
            }
        }
        return groups;
    }

    private void launch(Key key, QueuedMessage msg, List<RecipientState> rcpts, AtomicInteger groupCount) {
        DeliveryRequest req = new DeliveryRequest(msg, key.group(), rcpts, store.contentPath(msg.id()));
        DeliveryAgent agent = msg.route() == Route.MAILSTORE ? mailstoreAgent : mxAgent;
        CompletableFuture<List<DeliveryOutcome>> attempt;
        try {
            attempt = agent.deliver(req);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt
                .handle((outcomes, err) -> err == null ? outcomes : allDeferred(rcpts, err))
                .thenAccept(outcomes -> record(msg.id(), outcomes))
                .whenComplete((v, err) -> {
                    if (err != null) {
                        LOG.error("recording the outcome of {} for {} failed: {}", msg.id(), key.group(), err.getMessage(), err);
                    }
                    inFlight.remove(key);
                    groupCount.decrementAndGet();
                    active.decrementAndGet();
                    wake(); // the freed slot may serve mail that is due now
                });
    }

    private static List<DeliveryOutcome> allDeferred(List<RecipientState> rcpts, Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        LOG.warn("delivery attempt failed unexpectedly: {}", cause.toString());
        String text = "451 4.3.0 local delivery error: " + cause.getMessage();
        return rcpts.stream().<DeliveryOutcome>map(r -> new DeliveryOutcome.Deferred(r.address(), text, null)).toList();
    }

    private void record(String id, List<DeliveryOutcome> outcomes) {
        long now = clock.millis();
        store.update(id, m -> {
            OutcomeRecorder.Applied a = OutcomeRecorder.apply(m, outcomes, now, policy);
            // Notices first: a crash before the state is written repeats a notice rather than loses it.
            if (!a.failed().isEmpty()) {
                notices.notice(m, NoticeSink.Kind.FAILED, a.failed());
            }
            if (!a.delayed().isEmpty()) {
                notices.notice(m, NoticeSink.Kind.DELAYED, a.delayed());
            }
            if (suppression != null) {
                a.hardBounced().forEach(r -> suppression.add(r.address()));
            }
            return a.message();
        });
        for (DeliveryOutcome o : outcomes) {
            LOG.info("{} to={} outcome={} reply={}", id, org.hearthmail.log.LogPrivacy.current().address(o.address()), o.getClass().getSimpleName(), o.reply());
        }
        // A finished message (every recipient delivered or failed) was removed by the update itself.
    }

    /** Waits until no attempt is in flight (tests and shutdown). Returns false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public int activeAttempts() {
        return active.get();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
