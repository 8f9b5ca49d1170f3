package org.hearthmail.tls;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** Server TLS contexts restricted to TLS 1.2 and 1.3. */
public final class TlsContexts {

    /** RFC 8996: TLS 1.0 and 1.1 are not offered. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    public static SslContext server(PrivateKey key, X509Certificate... chain) throws SSLException {
        return SslContextBuilder.forServer(key, chain).protocols(PROTOCOLS).build();
    }

    /**
     * From PEM files (what {@code init} writes or an ACME client renews): the certificate chain and
     * its private key, PKCS#8 or the traditional SEC1/RSA form.
     *
     * @throws IOException naming the file that is missing or not PEM of the expected kind
     */
    public static SslContext server(Path certificateChain, Path privateKey) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(certificateChain, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(conv.getCertificate(h));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(certificateChain + ": unreadable certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateChain + ": no PEM CERTIFICATE found");
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(privateKey, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                key = conv.getPrivateKey(info);
            } else if (o instanceof PEMKeyPair pair) {
                key = conv.getPrivateKey(pair.getPrivateKeyInfo());
            } else {
                throw new IOException(privateKey + ": no PEM private key found");
            }
        }
        return server(key, chain.toArray(X509Certificate[]::new));
    }

    public static SslContext server(SelfSignedCertificates.KeyAndCertificate kc) throws SSLException {
        return server(kc.privateKey(), kc.certificate());
    }
}
