package org.hearthmail.tunnel.keys;

import java.security.SecureRandom;
import org.hearthmail.keys.Key32;

/**
 * A symmetric preshared key ({@code [Peer] PresharedKey}), mixed into the handshake for
 * post-quantum resistance (WireGuard whitepaper §5.2). 32 random bytes, no clamping, never printed.
 */
public final class WgPresharedKey extends Key32 {
    private WgPresharedKey(byte[] bytes) {
        super(bytes);
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

    @Override
    public String toString() {
        return "WgPresharedKey[redacted]";
    }
}
