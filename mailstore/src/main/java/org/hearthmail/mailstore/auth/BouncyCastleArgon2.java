package org.hearthmail.mailstore.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id in BouncyCastle's pure Java: always available, computes the lanes one after the other
 * on the calling thread. The fallback when the native library cannot be loaded.
 */
final class BouncyCastleArgon2 implements Argon2Function {

    @Override
    public byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params p, int length) {
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
        // init() allocates the m KiB of blocks; the caller holds the memory budget around this call.
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(b.build());
        gen.generateBytes(password, out);
        return out;
    }

    @Override
    public String description() {
        return "BouncyCastle (pure Java, one thread)";
    }
}
