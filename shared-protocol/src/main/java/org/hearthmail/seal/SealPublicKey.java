package org.hearthmail.seal;

import java.util.Arrays;
import java.util.Base64;

/**
 * The mailstore's X25519 public key (RFC 7748), 32 bytes. Raw bytes rather than the tunnel
 * module's key types because {@code shared-protocol} cannot depend on {@code tunnel}; convert
 * with {@code SealPublicKey.fromBytes(wgPublicKey.bytes())} if one key pair serves both.
 */
public final class SealPublicKey {
    /** RFC 7748 §5: X25519 public keys (u-coordinates) are 32 bytes. */
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private SealPublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SealPublicKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("seal public key must be exactly 32 bytes");
        }
        return new SealPublicKey(bytes.clone());
    }

    public static SealPublicKey fromBase64(String base64) {
        try {
            return fromBytes(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seal public key is not 32 bytes of base64", e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealPublicKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Public keys are not secret; printing them helps operators match the two ends. */
    @Override
    public String toString() {
        return toBase64();
    }
}
