package org.hearthmail.relay.spool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands spooled entries to the mailstore in order, one at a time: the oldest entry goes to the
 * sender; on {@code true} (the mailstore answered 250) it is removed and the next one follows; on
 * {@code false}, an exception or a timeout, draining stops and resumes after a back-off. So an
 * entry is removed only after the mailstore has it, and a later entry never overtakes an earlier one.
 *
 * <p>Delivery is at least once: if the relay dies between the mailstore's 250 and the removal, the
 * entry is sent again, with the same sealed entry id, which lets the mailstore drop the copy.
 *
 * <p>All spool work runs on the given executor (which it may block: give it a disk-friendly
 * executor, not an event loop). Wakes up on every commit to the spool, on {@link #kick()} and on
 * {@link #retryNow()}.
 */
public final class SpoolDrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);

    /** What the drainer is doing. */
    public enum State { IDLE, SENDING, BACKING_OFF, CLOSED }

    private final Spool spool;
    private final Function<SpoolEntry, CompletableFuture<Boolean>> sender;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final Duration sendTimeout;
    private final Runnable onCommit = this::kick;
    private State state = State.IDLE;
    private int failures;
    private ScheduledFuture<?> retry;

    /**
     * @param sender      sends one entry's sealed bytes to the mailstore; completes {@code true}
     *                    only after the mailstore's 250
     * @param sendTimeout how long one send may take before it counts as failed
     */
    public SpoolDrainer(Spool spool, Function<SpoolEntry, CompletableFuture<Boolean>> sender,
                        ScheduledExecutorService executor, Backoff backoff, Duration sendTimeout) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /** Subscribes to spool commits and drains whatever is already spooled. */
    public void start() {
        spool.addCommitListener(onCommit);
        kick();
    }

    /** Starts draining if idle; does not cut a back-off short (new mail must not hammer a down mailstore). */
    public synchronized void kick() {
        if (state == State.IDLE) {
            state = State.SENDING;
            executor.execute(this::drainNext);
        }
    }

    /** Ends a back-off now, e.g. when the tunnel has just come back. */
    public synchronized void retryNow() {
        if (state == State.BACKING_OFF) {
            retry.cancel(false);
            state = State.SENDING;
            executor.execute(this::drainNext);
        } else {
            kick();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Consecutive failed attempts; 0 after a success. */
    public synchronized int consecutiveFailures() {
        return failures;
    }

    /** Stops draining. An in-flight send finishes, but its entry is not removed (it is sent again later). */
    @Override
    public synchronized void close() {
        spool.removeCommitListener(onCommit);
        if (retry != null) {
            retry.cancel(false);
        }
        state = State.CLOSED;
    }

    private void drainNext() {
        Optional<SpoolEntry> head;
        synchronized (this) {
            if (state != State.SENDING) {
                return;
            }
            // Checked under this lock: a commit after this check kicks a drainer that is already IDLE.
            head = spool.head();
            if (head.isEmpty()) {
                state = State.IDLE;
                return;
            }
        }
        SpoolEntry entry = head.get();
        CompletableFuture<Boolean> sent;
        try {
            sent = Objects.requireNonNull(sender.apply(entry), "sender returned null");
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((ok, error) -> afterSend(entry, ok, error), executor);
    }

    private void afterSend(SpoolEntry entry, Boolean ok, Throwable error) {
        synchronized (this) {
            if (state != State.SENDING) {
                return;
            }
        }
        if (error != null || !Boolean.TRUE.equals(ok)) {
            failed(entry, error == null ? "mailstore did not accept it" : describe(error));
            return;
        }
        try {
            entry.remove();
        } catch (Exception e) {
            failed(entry, "removing it after delivery failed: " + e.getMessage());
            return;
        }
        synchronized (this) {
            failures = 0;
        }
        LOG.debug("Spool entry {} delivered to the mailstore", entry.sequence());
        drainNext();
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return t instanceof java.util.concurrent.TimeoutException ? "no answer in time" : t.toString();
    }

    private synchronized void failed(SpoolEntry entry, String why) {
        if (state != State.SENDING) {
            return;
        }
        failures++;
        Duration delay = backoff.delayAfter(failures);
        LOG.warn("Spool entry {} not delivered ({}); attempt {} failed, retrying in {}", entry.sequence(), why,
                failures, delay);
        state = State.BACKING_OFF;
        retry = executor.schedule(this::endBackoff, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void endBackoff() {
        synchronized (this) {
            if (state != State.BACKING_OFF) {
                return;
            }
            state = State.SENDING;
        }
        drainNext();
    }
}
