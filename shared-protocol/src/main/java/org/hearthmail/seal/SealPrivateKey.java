package org.hearthmail.seal;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.hearthmail.keys.Key32;

/** The mailstore's X25519 private key. Lives only at home; its value is never printed. */
public final class SealPrivateKey extends Key32 {
    private SealPrivateKey(byte[] bytes) {
        super(bytes);
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
        return new X25519PrivateKeyParameters(raw(), 0);
    }

    @Override
    public String toString() {
        return "SealPrivateKey[redacted, public " + publicKey() + "]";
    }
}
