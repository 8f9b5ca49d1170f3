package org.hearthmail.mailstore.imap.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hearthmail.mailstore.auth.AccountService;
import org.hearthmail.mailstore.auth.AppPasswordSecrets;
import org.hearthmail.mailstore.auth.Argon2Params;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.auth.LoginThrottle;
import org.hearthmail.mailstore.auth.PasswordHasher;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;

/** A real IMAP server on 127.0.0.1 with a fresh store and one user, alice@example.test. */
final class ImapTestServer implements AutoCloseable {
    static final String USER = "alice@example.test";
    static final String PASSWORD = "correct horse battery";

    final MailStore store;
    final User alice;
    final ImapServer server;
    final InetSocketAddress address;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    ImapTestServer(MailStore store, UnaryOperator<ImapConfig.Builder> config) throws Exception {
        this(store, config, UnaryOperator.identity());
    }

    /** With the workers' executor wrapped by {@code workers} (to hold commands back in a test). */
    ImapTestServer(MailStore store, UnaryOperator<ImapConfig.Builder> config, UnaryOperator<Executor> workers)
            throws Exception {
        this.store = store;
        PasswordHasher hasher = new PasswordHasher(new Argon2Params(64, 1, 1));
        AccountService accounts = new AccountService(store, hasher, new AppPasswordSecrets(new SecureRandom()));
        accounts.addDomain("example.test");
        alice = accounts.addUser(USER, PASSWORD.toCharArray(), 0);
        Authenticator auth = new Authenticator(store, hasher, LoginThrottle.withDefaults(Clock.systemUTC()));
        ImapConfig c = config.apply(ImapConfig.builder(new InetSocketAddress("127.0.0.1", 0)).hostname("imap.example.test"))
                .build();
        server = new ImapServer(c, store, auth, workers.apply(executor));
        address = server.start();
    }

    /** A plaintext server that allows LOGIN without TLS (transcript tests only). */
    static ImapTestServer plain(MailStore store) throws Exception {
        return new ImapTestServer(store, b -> b.allowPlaintextAuth(true));
    }

    static ImapTestServer tls(MailStore store, boolean implicit) throws Exception {
        io.netty.handler.ssl.SslContext tls = tlsContext();
        return new ImapTestServer(store, b -> b.tls(tls).implicitTls(implicit));
    }

    /** The test certificate, made once per JVM, for clients that pin it (mbsync's CertificateFile). */
    static final SelfSignedCertificates.KeyAndCertificate CERT =
            SelfSignedCertificates.create("imap.example.test", java.time.Duration.ofDays(1));

    /** As the mailstore makes it (MailstoreService): client-facing suites on the fastest engine the class path has. */
    static io.netty.handler.ssl.SslContext tlsContext() throws javax.net.ssl.SSLException {
        return TlsContexts.clientFacing(TlsContexts.fastestProvider(), CERT.privateKey(), CERT.certificate());
    }

    static String certificatePem() throws java.security.cert.CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(CERT.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    void deliver(String message) throws IOException {
        store.deliver(List.of(USER), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    ImapClient connect() throws IOException {
        return new ImapClient(address, false);
    }

    /** Connected and logged in, greeting read. */
    ImapClient login() throws IOException {
        ImapClient c = new ImapClient(address, false);
        c.readLine();
        List<String> r = c.command("L", "LOGIN " + USER + " \"" + PASSWORD + "\"");
        if (!ImapClient.last(r).startsWith("L OK")) {
            throw new IOException("login failed: " + r);
        }
        return c;
    }

    /** Connected on the plain port, upgraded with STARTTLS and logged in (a server made by {@link #tls}). */
    ImapClient loginAfterStartTls() throws IOException {
        ImapClient c = new ImapClient(address, false);
        c.readLine();
        if (!ImapClient.last(c.command("T", "STARTTLS")).startsWith("T OK")) {
            throw new IOException("STARTTLS refused");
        }
        c.startTls();
        List<String> r = c.command("L", "LOGIN " + USER + " \"" + PASSWORD + "\"");
        if (!ImapClient.last(r).startsWith("L OK")) {
            throw new IOException("login failed: " + r);
        }
        return c;
    }

    @Override
    public void close() throws Exception {
        server.close();
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }
}
