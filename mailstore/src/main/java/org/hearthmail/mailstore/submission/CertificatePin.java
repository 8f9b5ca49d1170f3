package org.hearthmail.mailstore.submission;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.hearthmail.smtp.client.TlsPolicy;

/**
 * Trust in the relay's TLS certificate by its SHA-256 fingerprint (over the DER encoding, as
 * {@code openssl x509 -fingerprint -sha256} prints it), not by PKIX: the relay's certificate on
 * the tunnel is self-signed and provisioned together with the tunnel keys.
 */
public final class CertificatePin {

    private CertificatePin() {
    }

    static String sha256Hex(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** A policy that accepts exactly the certificate with this fingerprint (64 lower-case hex digits). */
    public static TlsPolicy policy(String fingerprint) {
        byte[] pinned = HexFormat.of().parseHex(fingerprint);
        return TlsPolicy.custom((chain, host) -> {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the relay presented no certificate");
            }
            byte[] actual = HexFormat.of().parseHex(sha256Hex(chain[0]));
            if (!MessageDigest.isEqual(pinned, actual)) {
                throw new CertificateException("the relay's certificate (SHA-256 " + sha256Hex(chain[0])
                        + ") is not the pinned one (" + fingerprint + ")");
            }
        });
    }
}
