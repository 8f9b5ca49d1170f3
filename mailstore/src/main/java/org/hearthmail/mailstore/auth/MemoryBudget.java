package org.hearthmail.mailstore.auth;

import java.util.concurrent.Semaphore;

/**
 * Bounds the memory that Argon2id hashes in progress may take together. Each hash needs its full
 * memory cost (RFC 9106 §3.1, m KiB) at once; several logins at the same moment on a small heap would
 * otherwise end in OutOfMemoryError. Callers wait (on a worker thread, never an event loop).
 * Native hashes take their blocks outside the heap but count the same, so the process's Argon2
 * memory stays within the same bound whichever implementation runs.
 */
final class MemoryBudget {

    /** A quarter of the maximum heap, in KiB. */
    static final MemoryBudget HEAP_QUARTER = new MemoryBudget(Runtime.getRuntime().maxMemory() / 4 / 1024);

    private final long budgetKiB;
    private final Semaphore permits;

    MemoryBudget(long budgetKiB) {
        this.budgetKiB = Math.max(1, Math.min(Integer.MAX_VALUE, budgetKiB));
        this.permits = new Semaphore((int) this.budgetKiB, true);
    }

    /** Takes {@code kib} of the budget (all of it when one hash alone needs more), waiting as needed. */
    int acquire(int kib) throws InterruptedException {
        int n = (int) Math.min(kib, budgetKiB);
        permits.acquire(n);
        return n;
    }

    void release(int taken) {
        permits.release(taken);
    }

    int available() {
        return permits.availablePermits();
    }
}
