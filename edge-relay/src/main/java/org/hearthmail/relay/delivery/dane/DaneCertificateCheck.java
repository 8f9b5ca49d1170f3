package org.hearthmail.relay.delivery.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.hearthmail.smtp.client.TlsPolicy;

/**
 * Authenticates the server's chain against usable TLSA records (RFC 7672 §3.1): DANE-EE(3) matches the
 * leaf alone, with no name or validity check (§3.1.1); DANE-TA(2) matches a certificate of the chain
 * and the leaf must name the MX host (§3.1.2, §3.2.2).
 */
public final class DaneCertificateCheck implements TlsPolicy.CertificateCheck {
    private final List<TlsaRecord> records;
    private final String mxHost;

    public DaneCertificateCheck(List<TlsaRecord> records, String mxHost) {
        this.records = records.stream().filter(TlsaRecord::usable).toList();
        this.mxHost = mxHost.toLowerCase(Locale.ROOT);
    }

    @Override
    public void check(X509Certificate[] chain, String peerHost) throws CertificateException {
        if (chain.length == 0) {
            throw new CertificateException("DANE: empty certificate chain");
        }
        for (TlsaRecord r : records) {
            if (r.usage() == 3 && matches(r, chain[0])) {
                return;
            }
            if (r.usage() == 2) {
                for (int i = 1; i < chain.length; i++) {
                    if (matches(r, chain[i]) && names(chain[0], mxHost)) {
                        return;
                    }
                }
            }
        }
        throw new CertificateException("DANE: no TLSA record of " + mxHost + " matches the server's certificate");
    }

    static boolean matches(TlsaRecord r, X509Certificate cert) throws CertificateEncodingException {
        byte[] selected = r.selector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
        byte[] want = r.data();
        try {
            byte[] have = switch (r.matching()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return have != null && MessageDigest.isEqual(have, want);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-2", e);
        }
    }

    /** RFC 6125 DNS-ID match with a left-most wildcard label. */
    static boolean names(X509Certificate cert, String host) throws CertificateParsingException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        for (List<?> san : sans) {
            if (((Integer) san.get(0)) == 2) {
                String n = ((String) san.get(1)).toLowerCase(Locale.ROOT);
                if (n.equals(host) || (n.startsWith("*.") && host.indexOf('.') > 0
                        && host.substring(host.indexOf('.') + 1).equals(n.substring(2)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
