package org.hearthmail.mailstore.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Argon2id password hashing with the cost parameters stored in each hash, so that they can be
 * raised later: {@link #needsRehash} says when a stored hash was made with other parameters.
 * CPU- and memory-heavy: call from a worker thread, never an event loop.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;   // RFC 9106 §3.1: 16 bytes recommended for password hashing
    private static final int HASH_BYTES = 32;   // RFC 9106 §4: tag length 256 bits

    private final Argon2Params params;
    private final SecureRandom random;
    private final Argon2id argon2;

    /** Hashes with the process-wide Argon2id implementation (native when libargon2 loads). */
    public PasswordHasher(Argon2Params params, SecureRandom random) {
        this(params, random, Argon2id.system());
    }

    PasswordHasher(Argon2Params params, SecureRandom random, Argon2id argon2) {
        this.params = params;
        this.random = random;
        this.argon2 = argon2;
    }

    public PasswordHasher(Argon2Params params) {
        this(params, new SecureRandom());
    }

    public Argon2Params params() {
        return params;
    }

    /** A new PHC string for {@code password} with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] pw = utf8(password);
        try {
            byte[] derived = argon2.derive(pw, salt, null, null, params, HASH_BYTES);
            try {
                return new PhcString(params, salt, derived).encode();
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /**
     * True if {@code password} matches {@code encoded}. The hashes are compared in constant time;
     * a malformed {@code encoded} never matches.
     */
    public boolean verify(char[] password, String encoded) {
        PhcString phc;
        try {
            phc = PhcString.parse(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] pw = utf8(password);
        try {
            byte[] expected = phc.hash();
            byte[] actual = argon2.derive(pw, phc.salt(), null, null, phc.params(), expected.length);
            try {
                return MessageDigest.isEqual(expected, actual);
            } finally {
                Arrays.fill(actual, (byte) 0);
            }
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** Logs, once per process, which Argon2id implementation computes the hashes. */
    void announceImplementation() {
        argon2.announce();
    }

    /** True if {@code encoded} was made with other parameters than this hasher's (or is not Argon2id). */
    public boolean needsRehash(String encoded) {
        try {
            return !PhcString.parse(encoded).params().equals(params);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Spends about as long as a verification, so unknown users take as long as known ones. */
    void burn(char[] password) {
        hash(password);
    }

    static byte[] utf8(char[] password) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }
}
