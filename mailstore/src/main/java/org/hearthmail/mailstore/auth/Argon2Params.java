package org.hearthmail.mailstore.auth;

/**
 * Argon2id cost parameters as written into the PHC string.
 *
 * @param memoryKiB   m, memory in KiB (RFC 9106 §3.1: at least 8 * p)
 * @param iterations  t, passes over memory (at least 1)
 * @param parallelism p, lanes (1..2^24-1)
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
    /**
     * RFC 9106 §4, second recommended option for memory-constrained environments: t=3, p=4,
     * m=64 MiB. The mailstore runs at home on small hardware, so not the 2 GiB first option.
     */
    public static final Argon2Params RFC9106_LOW_MEMORY = new Argon2Params(64 * 1024, 3, 4);

    public Argon2Params {
        if (parallelism < 1 || parallelism > 0xFFFFFF) {
            throw new IllegalArgumentException("RFC 9106 §3.1: parallelism must be 1..2^24-1, was " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("RFC 9106 §3.1: iterations must be at least 1, was " + iterations);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("RFC 9106 §3.1: memory must be at least 8*p KiB, was " + memoryKiB);
        }
    }
}
