package org.hearthmail.seal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** The mailstore's X25519 private key. Lives only at home; its value is never printed. */
public final class SealPrivateKey {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private SealPrivateKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SealPrivateKey generate(SecureRandom random) {
        byte[] raw = new byte[LENGTH];
        random.nextBytes(raw);
        return new SealPrivateKey(raw);
    }

    public static SealPrivateKey generate() {
        return generate(new SecureRandom());
    }

    /** Any 32 bytes: RFC 7748 §5 clamps the scalar when it is used, so clamped or not both work. */
    public static SealPrivateKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("seal private key must be exactly 32 bytes");
        }
        return new SealPrivateKey(bytes.clone());
    }

    public static SealPrivateKey fromBase64(String base64) {
        try {
            return fromBytes(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seal private key is not 32 bytes of base64");
        }
    }

    /** RFC 7748 §6.1: the public key is X25519(k, 9). */
    public SealPublicKey publicKey() {
        return SealPublicKey.fromBytes(parameters().generatePublicKey().getEncoded());
    }

    X25519PrivateKeyParameters parameters() {
        return new X25519PrivateKeyParameters(bytes, 0);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** For writing the key file; never log the result. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealPrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealPrivateKey[redacted, public " + publicKey() + "]";
    }
}
