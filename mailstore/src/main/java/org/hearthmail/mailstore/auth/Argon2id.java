package org.hearthmail.mailstore.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** The raw Argon2id function (RFC 9106, version 0x13) over BouncyCastle. */
final class Argon2id {
    private Argon2id() {
    }

    /**
     * @param secret optional key K (RFC 9106 §3.1), may be null
     * @param ad     optional associated data X, may be null
     */
    static byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params p, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt);
        if (secret != null) {
            b.withSecret(secret);
        }
        if (ad != null) {
            b.withAdditional(ad);
        }
        byte[] out = new byte[length];
        int taken;
        try {
            taken = MemoryBudget.HEAP_QUARTER.acquire(p.memoryKiB());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            // init() allocates the m KiB of blocks, so it runs inside the budget too.
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(b.build());
            gen.generateBytes(password, out);
        } finally {
            MemoryBudget.HEAP_QUARTER.release(taken);
        }
        return out;
    }
}
