package org.hearthmail.tls;

import io.netty.handler.ssl.SslContext;
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

    /** From PEM files: the certificate chain and its PKCS#8 private key. */
    public static SslContext server(java.nio.file.Path certificatePem, java.nio.file.Path privateKeyPem) throws SSLException {
        return SslContextBuilder.forServer(certificatePem.toFile(), privateKeyPem.toFile()).protocols(PROTOCOLS).build();
    }

    public static SslContext server(SelfSignedCertificates.KeyAndCertificate kc) throws SSLException {
        return server(kc.privateKey(), kc.certificate());
    }
}
