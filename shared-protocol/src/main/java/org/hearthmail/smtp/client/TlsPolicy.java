package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * How the client decides whether to trust the server after STARTTLS. Pluggable: delivery to the
 * internet uses {@link #opportunistic()} (RFC 7435: encryption without authentication beats
 * plaintext), MTA-STS and submission use {@link #pkix()}, DANE and the relay-to-mailstore link a
 * {@link #custom(CertificateCheck)} check against pinned keys.
 *
 * <p>Every policy offers only TLS 1.3 and 1.2 (RFC 8996 deprecates 1.0 and 1.1).
 */
public interface TlsPolicy {

    /** The protocol versions every built-in policy enables. */
    List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * A client engine for one handshake.
     *
     * @param peerHost the name the client connected to (used for SNI and by checks that want it)
     */
    SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) throws SSLException;

    /** Accepts any certificate: encryption against passive listeners only (RFC 7435). */
    static TlsPolicy opportunistic() {
        return ContextTlsPolicy.build(SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null), null);
    }

    /** PKIX against the JDK's default trust store, with the connect host checked against the certificate (RFC 6125). */
    static TlsPolicy pkix() {
        return pkix(null);
    }

    /**
     * PKIX against the JDK's default trust store; the certificate must name {@code expectedName}
     * (the connect host when null), which is also sent as SNI.
     */
    static TlsPolicy pkix(String expectedName) {
        return ContextTlsPolicy.build(SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS"), expectedName);
    }

    /** PKIX against the given trust anchors only, with the host name checked. */
    static TlsPolicy pkix(Collection<X509Certificate> trustAnchors, String expectedName) {
        return ContextTlsPolicy.build(SslContextBuilder.forClient()
                .trustManager(trustAnchors)
                .endpointIdentificationAlgorithm("HTTPS"), expectedName);
    }

    /** Delegates the whole decision to {@code check} (no PKIX path building, no host name check). */
    static TlsPolicy custom(CertificateCheck check) {
        return ContextTlsPolicy.build(SslContextBuilder.forClient()
                .trustManager(new CheckingTrustManager(check))
                .endpointIdentificationAlgorithm(null), null);
    }

    /** A caller-supplied decision on the server's certificate chain. */
    @FunctionalInterface
    interface CertificateCheck {
        /**
         * @param chain the server's chain, leaf first
         * @param peerHost the name the client connected to
         * @throws CertificateException to refuse the server (the handshake then fails)
         */
        void check(X509Certificate[] chain, String peerHost) throws CertificateException;
    }
}
