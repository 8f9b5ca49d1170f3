package org.hearthmail.seal;

import java.util.Base64;
import org.hearthmail.keys.Key32;

/**
 * The mailstore's X25519 public key (RFC 7748), 32 bytes. Raw bytes rather than the tunnel
 * module's key types because {@code shared-protocol} cannot depend on {@code tunnel}; convert
 * with {@code SealPublicKey.fromBytes(wgPublicKey.bytes())} if one key pair serves both.
 */
public final class SealPublicKey extends Key32 {
    private SealPublicKey(byte[] bytes) {
        super(bytes);
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

    /** Public keys are not secret; printing them helps operators match the two ends. */
    @Override
    public String toString() {
        return toBase64();
    }
}
