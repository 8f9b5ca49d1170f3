package org.hearthmail.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text of a certificate ("CERTIFICATE") or a private key (PKCS#8 "PRIVATE KEY"), as TlsContexts reads it. */
public final class PemText {
    private PemText() {
    }

    public static String of(Object certificateOrKey) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(certificateOrKey instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PEM: " + e.getMessage(), e);
        }
        return w.toString();
    }
}
