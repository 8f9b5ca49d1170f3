package org.hearthmail.seal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The per-stream payload key and the per-segment AEAD.
 *
 * <p>Key: {@code HKDF-SHA256(ikm = X25519(ephemeral, recipient), salt = none,
 * info = "hearthmail-seal-v1" | header | recipient public key)} (RFC 5869 §2), 32 bytes. The
 * header carries the ephemeral public key, so both public keys are in the info.
 *
 * <p>Segment {@code i}: ChaCha20-Poly1305 (RFC 8439 §2.8) with nonce
 * {@code i as 11-byte big-endian | final flag (0x01 on the last segment, else 0x00)}, as in the
 * STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) that age uses. Each key is used
 * for one stream only (fresh ephemeral key), so counter nonces never repeat under a key.
 */
final class SegmentCipher {
    static final int TAG_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;
    private static final int KEY_LENGTH = 32;
    private static final byte[] INFO_LABEL = "hearthmail-seal-v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyParameter key;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private final byte[] nonce = new byte[NONCE_LENGTH];

    private SegmentCipher(byte[] key) {
        this.key = new KeyParameter(key);
        Arrays.fill(key, (byte) 0);
    }

    /**
     * @throws IllegalStateException when the agreement yields the all-zero value (a low-order
     *         public key, RFC 7748 §6.1); callers turn it into their own error
     */
    static SegmentCipher derive(X25519PrivateKeyParameters ownPrivate, byte[] peerPublic, byte[] header,
                                byte[] recipientPublic) {
        byte[] shared = new byte[new X25519Agreement().getAgreementSize()];
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(ownPrivate);
        // BouncyCastle checks for the all-zero result and throws IllegalStateException.
        agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublic, 0), shared, 0);
        byte[] info = new byte[INFO_LABEL.length + header.length + recipientPublic.length];
        System.arraycopy(INFO_LABEL, 0, info, 0, INFO_LABEL.length);
        System.arraycopy(header, 0, info, INFO_LABEL.length, header.length);
        System.arraycopy(recipientPublic, 0, info, INFO_LABEL.length + header.length, recipientPublic.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, null, info));
        byte[] key = new byte[KEY_LENGTH];
        hkdf.generateBytes(key, 0, KEY_LENGTH);
        Arrays.fill(shared, (byte) 0);
        return new SegmentCipher(key);
    }

    /** Seals {@code len} bytes of {@code in} into {@code out}; returns the bytes written (len + 16). */
    int seal(long counter, boolean last, byte[] in, int inOff, int len, byte[] out) {
        aead.init(true, new AEADParameters(key, TAG_LENGTH * 8, nonce(counter, last)));
        int n = aead.processBytes(in, inOff, len, out, 0);
        try {
            return n + aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 refused to encrypt", e);
        }
    }

    /** Opens {@code len} bytes (ciphertext and tag) into {@code out}; returns the plaintext length. */
    int open(long counter, boolean last, byte[] in, int len, byte[] out) throws SealIntegrityException {
        aead.init(false, new AEADParameters(key, TAG_LENGTH * 8, nonce(counter, last)));
        int n = aead.processBytes(in, 0, len, out, 0);
        try {
            return n + aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new SealIntegrityException("sealed segment " + counter + " failed authentication: the stream was "
                    + "altered, truncated or extended, or it was sealed to another key");
        }
    }

    private byte[] nonce(long counter, boolean last) {
        Arrays.fill(nonce, (byte) 0);
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = last ? (byte) 1 : 0;
        return nonce.clone();
    }
}
