package org.hearthmail.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key generation, key-record text and key decoding for DKIM. */
public final class DkimKeys {

    /** RFC 8410 §4: the SubjectPublicKeyInfo prefix of a 32-byte Ed25519 public key. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** RFC 8301 §3.2: RSA keys below this size are not acceptable. */
    public static final int MIN_RSA_BITS = 1024;

    private DkimKeys() { }

    public static KeyPair generateEd25519() {
        return generate("Ed25519", 0);
    }

    /** RSA-2048 (RFC 8301 §3.2 recommends at least 2048 bits for signers). */
    public static KeyPair generateRsa2048() {
        return generate("RSA", 2048);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation is not available in this JDK", e);
        }
    }

    /** The algorithm a key signs with. */
    public static DkimAlgorithm algorithmOf(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> DkimAlgorithm.RSA_SHA256;
            case "Ed25519", "EdDSA" -> DkimAlgorithm.ED25519_SHA256;
            default -> throw new IllegalArgumentException("unsupported DKIM key algorithm " + key.getAlgorithm());
        };
    }

    /**
     * The TXT record text to publish at {@code <selector>._domainkey.<domain>}: RSA keys as
     * SubjectPublicKeyInfo (RFC 6376 §3.6.1), Ed25519 keys as the raw 32 bytes (RFC 8463 §4).
     */
    public static String txtRecord(PublicKey key) {
        DkimAlgorithm a = algorithmOf(key);
        byte[] p = a == DkimAlgorithm.ED25519_SHA256 ? ed25519Raw(key) : key.getEncoded();
        return "v=DKIM1; k=" + a.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }

    /** The raw 32-byte Ed25519 public key. */
    public static byte[] ed25519Raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /** The 32-byte Ed25519 private seed (the form dkimpy and others store). */
    public static byte[] ed25519Seed(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        return Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    }

    public static PrivateKey privateKeyFromPkcs8(byte[] pkcs8, String algorithm) throws DkimKeyException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new DkimKeyException("not a PKCS#8 " + algorithm + " private key");
        }
    }

    /** Decodes the p= of a key record for the given k=. */
    public static PublicKey publicKeyFromRecord(String keyType, byte[] p) throws DkimKeyException {
        try {
            switch (keyType) {
                case "ed25519" -> {
                    if (p.length != 32) {
                        throw new DkimKeyException("Ed25519 key is not 32 bytes");
                    }
                    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
                    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                    System.arraycopy(p, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                }
                case "rsa" -> {
                    PublicKey k = rsa(p);
                    int bits = ((RSAPublicKey) k).getModulus().bitLength();
                    if (bits < MIN_RSA_BITS) {
                        throw new DkimKeyException("RSA key of " + bits + " bits is below " + MIN_RSA_BITS + " (RFC 8301)");
                    }
                    return k;
                }
                default -> throw new DkimKeyException("unknown key type k=" + keyType);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DkimKeyException("undecodable " + keyType + " public key");
        }
    }

    private static PublicKey rsa(byte[] p) throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("RSA");
        try {
            return f.generatePublic(new X509EncodedKeySpec(p));
        } catch (GeneralSecurityException e) {
            // Some publishers put a bare PKCS#1 RSAPublicKey in p=; wrap it.
            try {
                SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), p);
                return f.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            } catch (java.io.IOException io) {
                throw e;
            }
        }
    }
}
