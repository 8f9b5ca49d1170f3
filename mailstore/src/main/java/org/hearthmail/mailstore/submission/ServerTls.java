package org.hearthmail.mailstore.submission;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.hearthmail.tls.TlsContexts;

/** The server TLS context from the PEM files {@code mailstore init} writes (or an ACME client renews). */
public final class ServerTls {

    private ServerTls() {
    }

    /** @throws IOException naming the file that is missing or not PEM of the expected kind */
    public static SslContext load(Path certificateChain, Path privateKey) throws IOException {
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
        return TlsContexts.server(key, chain.toArray(X509Certificate[]::new));
    }
}
