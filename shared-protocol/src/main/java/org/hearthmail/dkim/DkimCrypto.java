package org.hearthmail.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** The signature operations of RFC 6376 §3.3 (rsa-sha256) and RFC 8463 §3 (ed25519-sha256). */
final class DkimCrypto {
    private DkimCrypto() { }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    static byte[] sign(DkimAlgorithm a, PrivateKey key, byte[] headerData) throws GeneralSecurityException {
        Signature s = instance(a);
        s.initSign(key);
        s.update(input(a, headerData));
        return s.sign();
    }

    static boolean verify(DkimAlgorithm a, PublicKey key, byte[] headerData, byte[] signature) {
        try {
            Signature s = instance(a);
            s.initVerify(key);
            s.update(input(a, headerData));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Signature instance(DkimAlgorithm a) throws GeneralSecurityException {
        return Signature.getInstance(a == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
    }

    /** RFC 8463 §3: Ed25519 signs the SHA-256 hash of the header data, not the data itself. */
    private static byte[] input(DkimAlgorithm a, byte[] headerData) {
        return a == DkimAlgorithm.ED25519_SHA256 ? sha256().digest(headerData) : headerData;
    }
}
