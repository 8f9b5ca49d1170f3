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
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** Server TLS contexts restricted to TLS 1.2 and 1.3. */
public final class TlsContexts {

    /** RFC 8996: TLS 1.0 and 1.1 are not offered. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * For mail clients (IMAP, submission): AEAD suites with forward secrecy only, the TLS 1.3 suites
     * and, for TLS 1.2, ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 9325 §4.2). The MX keeps the
     * provider's wider default: refusing an old sending MTA's suite only makes it send in clear.
     */
    public static final List<String> CLIENT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {
    }

    public static SslContext server(PrivateKey key, X509Certificate... chain) throws SSLException {
        return SslContextBuilder.forServer(key, chain).protocols(PROTOCOLS).build();
    }

    /**
     * For mail clients: {@link #CLIENT_CIPHERS} on {@code provider} (see {@link #fastestProvider}).
     *
     * @throws SSLException if the provider cannot take the key or offers none of the suites
     */
    public static SslContext clientFacing(SslProvider provider, PrivateKey key, X509Certificate... chain) throws SSLException {
        return SslContextBuilder.forServer(key, chain).sslProvider(provider).protocols(PROTOCOLS)
                .ciphers(CLIENT_CIPHERS, SupportedCipherSuiteFilter.INSTANCE).build();
    }

    /**
     * OpenSSL (BoringSSL through netty-tcnative) when the process has it on its class path and it
     * loads, else the JDK's TLS. The mailstore's handshake costs about 1.5 ms of JDK 17 X25519 and
     * ECDSA P-256 arithmetic in Java, a tenth of that in BoringSSL (docs/benchmarks.md).
     */
    public static SslProvider fastestProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * From PEM files (what {@code init} writes or an ACME client renews): the certificate chain and
     * its private key, PKCS#8 or the traditional SEC1/RSA form.
     *
     * @throws IOException naming the file that is missing or not PEM of the expected kind
     */
    public static SslContext server(Path certificateChain, Path privateKey) throws IOException {
        PemCredentials c = PemCredentials.read(certificateChain, privateKey);
        return server(c.key(), c.chain());
    }

    /** {@link #clientFacing(SslProvider, PrivateKey, X509Certificate...)} from PEM files as {@link #server(Path, Path)} reads them. */
    public static SslContext clientFacing(SslProvider provider, Path certificateChain, Path privateKey) throws IOException {
        PemCredentials c = PemCredentials.read(certificateChain, privateKey);
        return clientFacing(provider, c.key(), c.chain());
    }

    public static SslContext server(SelfSignedCertificates.KeyAndCertificate kc) throws SSLException {
        return server(kc.privateKey(), kc.certificate());
    }

    /** A private key and its certificate chain, leaf first. */
    private record PemCredentials(PrivateKey key, X509Certificate[] chain) {
        static PemCredentials read(Path certificateChain, Path privateKey) throws IOException {
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
            return new PemCredentials(key, chain.toArray(X509Certificate[]::new));
        }
    }
}
