package org.hearthmail.tunnel.keys;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.hearthmail.keys.Key32;

/** A Curve25519 private key ({@code [Interface] PrivateKey}). Its value is never printed. */
public final class WgPrivateKey extends Key32 {
    private WgPrivateKey(byte[] bytes) {
        super(bytes);
    }

    /** A fresh key from {@code random}, clamped as {@code wg genkey} does. */
    public static WgPrivateKey generate(SecureRandom random) {
        byte[] raw = new byte[KeyBytes.LENGTH];
        random.nextBytes(raw);
        return new WgPrivateKey(clamp(raw));
    }

    public static WgPrivateKey generate() {
        return generate(new SecureRandom());
    }

    /** Keeps the bytes as given (an unclamped key is still valid: it is clamped when used). */
    public static WgPrivateKey fromBytes(byte[] bytes) {
        return new WgPrivateKey(KeyBytes.checkLength(bytes, "private key"));
    }

    public static WgPrivateKey fromBase64(String base64) {
        return new WgPrivateKey(KeyBytes.fromBase64(base64, "private key"));
    }

    public static WgPrivateKey fromHex(String hex) {
        return new WgPrivateKey(KeyBytes.fromHex(hex, "private key"));
    }

    /**
     * RFC 7748 §5 decodeScalar25519, as wireguard-tools' curve25519_clamp_secret: clear the three
     * low bits, clear the top bit, set the second-highest bit.
     */
    static byte[] clamp(byte[] key) {
        byte[] k = key.clone();
        k[0] &= (byte) 248;
        k[31] = (byte) ((k[31] & 127) | 64);
        return k;
    }

    /** The matching public key: X25519(clamp(k), 9), RFC 7748 §6.1, same as {@code wg pubkey}. */
    public WgPublicKey publicKey() {
        byte[] pub = new X25519PrivateKeyParameters(clamp(raw()), 0).generatePublicKey().getEncoded();
        return WgPublicKey.fromBytes(pub);
    }

    public boolean isClamped() {
        return KeyBytes.equal(raw(), clamp(raw()));
    }

    @Override
    public String toString() {
        return "WgPrivateKey[redacted, public " + publicKey() + "]";
    }
}
