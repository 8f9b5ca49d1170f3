package org.hearthmail.tunnel.keys;

/** A Curve25519 public key, as it appears in {@code [Peer] PublicKey} and in {@code wg show}. */
public final class WgPublicKey {
    private final byte[] bytes;

    private WgPublicKey(byte[] bytes) {
        this.bytes = bytes;
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

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return KeyBytes.toBase64(bytes);
    }

    public String toHex() {
        return KeyBytes.toHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WgPublicKey other && KeyBytes.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return KeyBytes.hash(bytes);
    }

    /** Public keys are not secret; printing them helps operators match peers. */
    @Override
    public String toString() {
        return toBase64();
    }
}
