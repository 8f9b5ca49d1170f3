package org.hearthmail.mailstore.auth;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw Argon2id function (RFC 9106, version 0x13) as the mailstore computes it: natively
 * through {@code libargon2.so.1} when that loads and passes its self-test, else in BouncyCastle's
 * Java. Both give the same bytes, so hashes stay valid whichever one a process uses. Each run
 * takes its memory cost from the {@link MemoryBudget} first, native or not, so concurrent logins
 * stay bounded in memory either way.
 */
final class Argon2id {
    private static final Logger LOG = LoggerFactory.getLogger(Argon2id.class);

    private final Argon2Function function;
    private final String fallbackReason;
    private final MemoryBudget budget;
    private final AtomicBoolean announced = new AtomicBoolean();

    private Argon2id(Argon2Function function, String fallbackReason, MemoryBudget budget) {
        this.function = function;
        this.fallbackReason = fallbackReason;
        this.budget = budget;
    }

    /** The process-wide choice, made once, on first use. */
    static Argon2id system() {
        return SystemChoice.INSTANCE;
    }

    /** Native through {@code libraryName} if it loads and passes its self-test, else BouncyCastle. */
    static Argon2id choose(String libraryName) {
        try {
            return new Argon2id(NativeArgon2.load(libraryName), null, MemoryBudget.HEAP_QUARTER);
        } catch (NativeArgon2.Unavailable e) {
            return new Argon2id(new BouncyCastleArgon2(), e.getMessage(), MemoryBudget.HEAP_QUARTER);
        }
    }

    static Argon2id using(Argon2Function function) {
        return new Argon2id(function, null, MemoryBudget.HEAP_QUARTER);
    }

    Argon2Function function() {
        return function;
    }

    /** Logs which implementation computes the hashes; the first call only (so once per process for {@link #system}). */
    void announce() {
        if (!announced.compareAndSet(false, true)) {
            return;
        }
        if (fallbackReason == null) {
            LOG.info("Argon2id password hashes computed by {}", function.description());
        } else {
            LOG.warn("Argon2id password hashes computed by {}, about half as fast as native on two cores: {}; install the Debian "
                    + "package libargon2-1", function.description(), fallbackReason);
        }
    }

    /** See {@link Argon2Function#derive}; waits for the memory budget first (so: worker threads only). */
    byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params p, int length) {
        if (length < 4) {
            throw new IllegalArgumentException("RFC 9106 §3.1: tag length T must be at least 4 bytes, was " + length);
        }
        int taken;
        try {
            taken = budget.acquire(p.memoryKiB());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Argon2Exception("interrupted while waiting to hash a password", e);
        }
        try {
            return function.derive(password, salt, secret, ad, p, length);
        } finally {
            budget.release(taken);
        }
    }

    /** Lazy holder: the library is looked up when the first hasher is made, not at class load. */
    private static final class SystemChoice {
        static final Argon2id INSTANCE = choose(LibArgon2.SONAME);
    }
}
