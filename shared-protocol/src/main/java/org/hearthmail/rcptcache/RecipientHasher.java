package org.hearthmail.rcptcache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code HMAC-SHA256(salt, normalized address)} (RFC 2104), so the relay can test membership
 * without holding the list of addresses. The salt is a per-installation secret: without it, the
 * hashes of a breached relay cannot be checked against a dictionary of likely addresses.
 */
public final class RecipientHasher {
    /** RFC 2104 §3: a key shorter than the hash output weakens the MAC; demand at least 16 bytes. */
    public static final int MIN_SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] FILE_MAC_LABEL = "hearthmail-rcptcache-file-mac".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final SecretKeySpec fileMacKey;

    public RecipientHasher(byte[] salt) {
        if (salt == null || salt.length < MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("recipient cache salt must be at least " + MIN_SALT_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(salt, ALGORITHM);
        // A separate key for the file MAC, so no file can pass for an address hash or the reverse.
        this.fileMacKey = new SecretKeySpec(mac(key, FILE_MAC_LABEL), ALGORITHM);
    }

    /** The hash of an already normalized address (see {@link RecipientNormalizer}). */
    public byte[] hash(String normalized) {
        return mac(key, normalized.getBytes(StandardCharsets.UTF_8));
    }

    byte[] fileMac(byte[] body, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(fileMacKey);
            mac.update(body, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
