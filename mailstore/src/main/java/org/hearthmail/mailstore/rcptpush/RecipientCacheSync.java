package org.hearthmail.mailstore.rcptpush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.AccountStore;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a relay's recipient cache in step with the accounts (docs/adr/0007). One thread looks at
 * the deliverable addresses every {@code checkEvery} (cheap: three small queries), so a change made
 * by {@code mailstore user|alias|domain} in another process reaches the relay within seconds; it
 * pushes when they changed, at start, and every {@code refreshEvery} as a safety net (which also
 * keeps the relay's cache from going stale). A failed push is retried with doubling back-off up to
 * {@code maxBackoff}. Generations are the push time in milliseconds, always above the last one and
 * above what the relay says it holds.
 */
public final class RecipientCacheSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientCacheSync.class);

    /**
     * @param checkEvery   how often the accounts are looked at
     * @param refreshEvery a push even when nothing changed
     * @param maxBackoff   the longest wait between attempts after failures
     */
    public record Timing(Duration checkEvery, Duration refreshEvery, Duration maxBackoff) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(5));
    }

    private final AccountStore store;
    private final byte[] salt;
    private final String separator;
    private final RelayCachePusher relay;
    private final Timing timing;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    // Touched only by the sync's thread.
    private RecipientSet pushed;
    private Instant lastSuccess = Instant.MIN;
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff;
    private long generation;
    private volatile PushOutcome last;

    public RecipientCacheSync(AccountStore store, byte[] salt, String separator, RelayCachePusher relay, Timing timing,
                              Clock clock) {
        this.store = store;
        this.salt = salt.clone();
        this.separator = separator;
        this.relay = relay;
        this.timing = timing;
        this.clock = clock;
        this.backoff = timing.checkEvery();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rcptcache-push");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts looking; the first push goes out at once. */
    public RecipientCacheSync start() {
        thread.scheduleWithFixedDelay(this::tick, 0, timing.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The outcome of the latest push, or null before the first. */
    public PushOutcome last() {
        return last;
    }

    private void tick() {
        try {
            RecipientSet now = RecipientSet.of(store);
            Instant t = clock.instant();
            boolean changed = !now.equals(pushed);
            boolean due = Duration.between(lastSuccess, t).compareTo(timing.refreshEvery()) >= 0;
            if ((changed || due) && !t.isBefore(nextAttempt)) {
                push(now, t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The next tick tries again; the thread must not die of one bad read.
            LOG.error("recipient cache push to {} failed: {}", relay.describe(), e.toString());
            failed(clock.instant());
        }
    }

    private void push(RecipientSet set, Instant t) throws InterruptedException {
        generation = Math.max(t.toEpochMilli(), generation + 1);
        PushOutcome outcome = relay.push(RecipientCacheCodec.encode(set.toCache(salt, generation, separator)));
        if (outcome instanceof PushOutcome.Outdated o) {
            // Our clock is behind what the relay holds: go past it at once, once.
            LOG.warn("relay {} holds recipient cache generation {}, newer than ours; pushing past it", relay.describe(),
                    o.installed());
            generation = o.installed();
            generation = Math.max(t.toEpochMilli(), generation + 1);
            outcome = relay.push(RecipientCacheCodec.encode(set.toCache(salt, generation, separator)));
        }
        last = outcome;
        if (outcome instanceof PushOutcome.Installed i) {
            LOG.info("recipient cache pushed to relay {}: generation {}, {} entries", relay.describe(), i.generation(),
                    i.entries());
            succeeded(set, t);
        } else if (outcome instanceof PushOutcome.Confirmed) {
            succeeded(set, t);
        } else if (outcome instanceof PushOutcome.Outdated o) {
            LOG.error("relay {} keeps refusing recipient cache generations (holds {})", relay.describe(), o.installed());
            failed(t);
        } else if (outcome instanceof PushOutcome.Refused r) {
            LOG.error("relay {} refused the recipient cache push: {}; check the relay's [spool] recipient_cache_salt "
                    + "and credentials", relay.describe(), r.reply());
            failed(t);
        } else if (outcome instanceof PushOutcome.Unreachable u) {
            LOG.warn("recipient cache push to relay {} failed ({}); retrying in {} s", relay.describe(), u.reason(),
                    backoff.toSeconds());
            failed(t);
        }
    }

    private void succeeded(RecipientSet set, Instant t) {
        pushed = set;
        lastSuccess = t;
        nextAttempt = Instant.MIN;
        backoff = timing.checkEvery();
    }

    private void failed(Instant t) {
        nextAttempt = t.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : doubled;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
