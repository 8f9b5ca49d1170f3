package org.hearthmail.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The common part of our 32-byte keys (X25519 keys for the tunnel and the spool seal, WireGuard
 * preshared keys): the bytes, their base64/hex forms and equality. Subclasses own decoding,
 * validation and {@code toString} (secret keys print redacted).
 */
public abstract class Key32 {
    /** RFC 7748 §5: X25519 scalars and u-coordinates are 32 bytes; a WireGuard PSK too. */
    public static final int LENGTH = 32;
    private final byte[] bytes;

    /** Takes ownership of {@code bytes}: pass a checked copy of exactly {@link #LENGTH} bytes. */
    protected Key32(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key must be exactly 32 bytes");
        }
        this.bytes = bytes;
    }

    /** The key's own array, for subclasses' computations; never hand it out. */
    protected final byte[] raw() {
        return bytes;
    }

    public final byte[] bytes() {
        return bytes.clone();
    }

    /** Base64 (RFC 4648 §4, padded); for a secret key never log the result. */
    public final String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Lower-case hex; for a secret key never log the result. */
    public final String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Same type and same bytes, compared in constant time so comparing secrets leaks no timing. */
    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && MessageDigest.isEqual(bytes, ((Key32) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
