package org.hearthmail.dkim;

import java.security.MessageDigest;
import java.util.OptionalLong;

/** Canonicalises a streamed body and hashes at most l= bytes of it (RFC 6376 §3.4.5, §3.7). */
final class BodyHasher {
    private final MessageDigest digest = DkimCrypto.sha256();
    private final BodyCanonicalizer canonicalizer;
    private final long limit;
    private long canonicalLength;

    BodyHasher(Canonicalization canon, OptionalLong length) {
        this.limit = length.orElse(Long.MAX_VALUE);
        this.canonicalizer = canon.body(this::hash);
    }

    private void hash(byte[] b, int off, int len) {
        long room = limit - Math.min(canonicalLength, limit);
        if (room > 0) {
            digest.update(b, off, (int) Math.min(room, len));
        }
        canonicalLength += len;
    }

    void update(byte[] b, int off, int len) {
        canonicalizer.update(b, off, len);
    }

    /** Ends the body and returns the hash. */
    byte[] finish() {
        canonicalizer.finish();
        return digest.digest();
    }

    /** The full canonical body length seen (valid after {@link #finish()}). */
    long canonicalLength() {
        return canonicalLength;
    }
}
