package org.hearthmail.provision;

/**
 * Argon2id cost parameters (RFC 9106 §3.1) for deriving the bundle key from the passphrase.
 *
 * @param memoryKiB   memory size m in KiB
 * @param iterations  number of passes t
 * @param parallelism degree of parallelism p
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
    /** RFC 9106 §4, second recommended option (m = 64 MiB, t = 3), with p = 1 for a one-core VPS. */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);
    /** For unit tests only: fast, and far below what a real bundle uses. */
    public static final KdfParams TESTING = new KdfParams(8 * 1024, 1, 1);
    /** A bundle asking for more is refused before any work (a 1 GiB VPS must be able to open it). */
    static final int MAX_MEMORY_KIB = 512 * 1024;
    static final int MAX_ITERATIONS = 16;
    static final int MAX_PARALLELISM = 8;

    public KdfParams {
        // RFC 9106 §3.1: m >= 8 * p KiB, t >= 1, 1 <= p <= 2^24 - 1; our upper bounds are tighter.
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parallelism " + parallelism + " is outside 1.." + MAX_PARALLELISM);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory " + memoryKiB + " KiB is outside " + 8 * parallelism
                    + ".." + MAX_MEMORY_KIB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations " + iterations + " is outside 1.." + MAX_ITERATIONS);
        }
    }
}
