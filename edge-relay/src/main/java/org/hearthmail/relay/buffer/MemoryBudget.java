package org.hearthmail.relay.buffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay-wide bound on message content held in memory. Thread-safe. A message that cannot reserve
 * what it needs goes to an encrypted temp file instead, so many large messages at once cost disk,
 * not memory.
 */
public final class MemoryBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit octets of content all messages together may hold in memory; 0 keeps none */
    public MemoryBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("memory budget must not be negative, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * A fifth of the heap this JVM may use, at most 32 MiB: with the relay's 40 MiB heap (bin/edge-relay)
     * that is 8 MiB, e.g. 50 senders of 160 KiB at once.
     */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 5));
    }

    /** Takes {@code n} octets if they fit; false (and nothing taken) otherwise. */
    public boolean tryReserve(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative reservation " + n);
        }
        for (int guard = 0; guard < 1_000_000; guard++) {
            long u = used.get();
            if (u + n > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
        return false; // unreachable in practice: a million lost races; the caller falls back to disk
    }

    /** Gives back octets taken with {@link #tryReserve}. */
    public void release(long n) {
        long after = used.addAndGet(-n);
        if (after < 0) {
            throw new IllegalStateException("memory budget released more than was reserved (" + after + ")");
        }
    }

    /** Octets currently reserved. */
    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
