package org.hearthmail.mailstore.store.sqlite;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.hearthmail.mailstore.store.Resolution;

/**
 * Recent positive answers of the RCPT lookup, so that an intake session can answer {@code RCPT}
 * without a database read (and without leaving its event loop).
 *
 * <p>Invariants: only {@link Resolution.Resolved} is kept (an unknown or over-quota address is
 * looked up every time, so a new user is never refused from the cache); every entry carries the
 * generation it was read in and is void once the generation moved on (account, alias, domain,
 * quota or mailbox change committed by this process, a commit by another process noticed at our
 * next write, a delivery that filled a quota) or once it is older than {@link #TTL_MILLIS} (which
 * bounds how long a change made by another process, such as the CLI, can go unnoticed while
 * nothing is written here). A stale answer can only accept at RCPT an address that no longer
 * takes mail: the delivery itself resolves every recipient afresh inside its transaction.
 */
final class RecipientCache {
    static final long TTL_MILLIS = 2_000;
    static final int MAX_ENTRIES = 10_000;

    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final long ttlNanos;

    RecipientCache() {
        this(System::nanoTime, TTL_MILLIS);
    }

    RecipientCache(LongSupplier nanoClock, long ttlMillis) {
        this.nanoClock = nanoClock;
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    }

    /** Take before the read whose answer goes to {@link #put}. */
    long generation() {
        return generation.get();
    }

    /** The cached answer for {@code address} (exact spelling), if still valid. Never blocks. */
    Optional<Resolution> get(String address) {
        Entry e = entries.get(address);
        if (e == null) {
            return Optional.empty();
        }
        if (e.generation != generation.get() || nanoClock.getAsLong() - e.readAtNanos > ttlNanos) {
            entries.remove(address, e);
            return Optional.empty();
        }
        return Optional.of(e.resolution);
    }

    /** Keeps {@code answer} if it is positive and nothing changed since {@code generationBefore}. */
    void put(String address, long generationBefore, Resolution answer) {
        if (!(answer instanceof Resolution.Resolved resolved) || generationBefore != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // bounded memory under a flood of distinct valid addresses
        }
        // Stamped with the generation of the read: an invalidation racing with this put voids it.
        entries.put(address, new Entry(resolved, generationBefore, nanoClock.getAsLong()));
    }

    /** Voids every entry. */
    void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    private record Entry(Resolution.Resolved resolution, long generation, long readAtNanos) {
    }
}
