package org.hearthmail.tunnel.keys;

import org.hearthmail.keys.Key32;
/** A Curve25519 public key, as it appears in {@code [Peer] PublicKey} and in {@code wg show}. */
public final class WgPublicKey extends Key32 {
    private WgPublicKey(byte[] bytes) {
        super(bytes);
    }

    public static WgPublicKey fromBytes(byte[] bytes) {
        return new WgPublicKey(KeyBytes.checkLength(bytes, "public key"));
    }

    public static WgPublicKey fromBase64(String base64) {
        return new WgPublicKey(KeyBytes.fromBase64(base64, "public key"));
    }

    public static WgPublicKey fromHex(String hex) {
        return new WgPublicKey(KeyBytes.fromHex(hex, "public key"));
    }

    /** Public keys are not secret; printing them helps operators match peers. */
    @Override
    public String toString() {
        return toBase64();
    }
}
