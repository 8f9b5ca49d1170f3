package org.hearthmail.tunnel.keys;

import java.security.SecureRandom;

/**
 * A symmetric preshared key ({@code [Peer] PresharedKey}), mixed into the handshake for
 * post-quantum resistance (WireGuard whitepaper §5.2). 32 random bytes, no clamping, never printed.
 */
public final class WgPresharedKey {
    private final byte[] bytes;

    private WgPresharedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** 32 random bytes, as {@code wg genpsk}. */
    public static WgPresharedKey generate(SecureRandom random) {
        byte[] raw = new byte[KeyBytes.LENGTH];
        random.nextBytes(raw);
        return new WgPresharedKey(raw);
    }

    public static WgPresharedKey generate() {
        return generate(new SecureRandom());
    }

    public static WgPresharedKey fromBytes(byte[] bytes) {
        return new WgPresharedKey(KeyBytes.checkLength(bytes, "preshared key"));
    }

    public static WgPresharedKey fromBase64(String base64) {
        return new WgPresharedKey(KeyBytes.fromBase64(base64, "preshared key"));
    }

    public static WgPresharedKey fromHex(String hex) {
        return new WgPresharedKey(KeyBytes.fromHex(hex, "preshared key"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The secret in base64; never log the result. */
    public String toBase64() {
        return KeyBytes.toBase64(bytes);
    }

    /** The secret in hex, for the UAPI {@code preshared_key=} line; never log the result. */
    public String toHex() {
        return KeyBytes.toHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WgPresharedKey other && KeyBytes.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return KeyBytes.hash(bytes);
    }

    @Override
    public String toString() {
        return "WgPresharedKey[redacted]";
    }
}
