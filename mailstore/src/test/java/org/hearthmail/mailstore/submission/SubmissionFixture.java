package org.hearthmail.mailstore.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.mailstore.auth.Argon2Params;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.auth.LoginThrottle;
import org.hearthmail.mailstore.auth.PasswordHasher;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.smtp.client.TlsPolicy;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;

/**
 * A real submission service on loopback: SQLite store with alice (alias sales@, catch-all of
 * other.test) and bob, a self-signed certificate, DKIM keys in a temporary data directory, and
 * optionally a {@link FakeRelay}.
 */
final class SubmissionFixture implements AutoCloseable {
    static final String ALICE_PASSWORD = "alice-password-1";
    static final String BOB_PASSWORD = "bob-password-123";

    final Path dir;
    final SqliteMailStore store;
    final User alice;
    final User bob;
    final DkimKeyStore dkim;
    final LoginThrottle throttle = LoginThrottle.withDefaults(Clock.systemUTC());
    final ExecutorService worker = Executors.newFixedThreadPool(4);
    final SubmissionServer server;
    final InetSocketAddress startTls;
    final InetSocketAddress implicitTls;

    SubmissionFixture(Path dir, FakeRelay relay, String fingerprint, CidrSet proxyFrom) throws Exception {
        this(dir, relay == null ? null : relay.address, fingerprint, proxyFrom);
    }

    SubmissionFixture(Path dir, InetSocketAddress relayAddress, String fingerprint, CidrSet proxyFrom) throws Exception {
        this.dir = dir;
        DataDirectory data = new DataDirectory(dir).create();
        store = SqliteMailStore.open(data, StoreOptions.defaults());
        PasswordHasher hasher = new PasswordHasher(new Argon2Params(64, 1, 1));
        store.addDomain("example.test");
        store.addDomain("other.test");
        alice = store.addUser("alice@example.test", hasher.hash(ALICE_PASSWORD.toCharArray()), 0);
        bob = store.addUser("bob@example.test", hasher.hash(BOB_PASSWORD.toCharArray()), 0);
        store.addAlias("sales@example.test", alice.id());
        store.addAlias("@other.test", alice.id());
        dkim = DkimKeyStore.in(data.keys(), Clock.systemUTC());
        dkim.ensureActive();
        Path creds = data.keys().resolve("relay-credentials");
        Files.writeString(creds, "# test\nname = " + FakeRelay.NAME + "\nsecret = " + FakeRelay.SECRET + "\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        RelayHandoff handoff = new RelayHandoff(new RelayHandoff.Target(
                relayAddress != null ? relayAddress : new InetSocketAddress("127.0.0.1", 9),
                fingerprint, creds), "home.example.test",
                SmtpClientConfig.defaults().withTimeouts(org.hearthmail.smtp.client.SmtpTimeouts.uniform(Duration.ofSeconds(10))),
                Duration.ofSeconds(5));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("home.example.test", Duration.ofDays(1));
        SubmissionConfig config = new SubmissionConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0),
                TlsContexts.clientFacing(TlsContexts.fastestProvider(), kc.privateKey(), kc.certificate()), proxyFrom,
                List.of("Received", "X-Originating-IP", "X-Mailer", "User-Agent"), 10L * 1024 * 1024, data.tmp());
        server = new SubmissionServer(config, store, new Authenticator(store, hasher, throttle), throttle, dkim, handoff, worker);
        List<InetSocketAddress> bound = server.start();
        startTls = bound.get(0);
        implicitTls = bound.get(1);
    }

    /** Connected, EHLO sent, nothing else. */
    SmtpClient connect() throws Exception {
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", startTls.getPort(), Duration.ofSeconds(5)));
        SmtpClient.await(c.ehlo("client.example.net"));
        return c;
    }

    /** Connected, STARTTLS done, logged in as alice. */
    SmtpClient alice() throws Exception {
        return login("alice@example.test", ALICE_PASSWORD);
    }

    SmtpClient login(String user, String password) throws Exception {
        SmtpClient c = connect();
        SmtpClient.await(c.startTls(TlsPolicy.opportunistic()));
        SmtpClient.await(c.auth(AuthMechanism.PLAIN, user, password));
        return c;
    }

    List<String> inbox(User u) throws IOException {
        long box = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
        List<String> out = new java.util.ArrayList<>();
        for (MessageMeta m : store.messages(box)) {
            try (InputStream in = store.openBody(m)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out.add(b.toString(StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        worker.shutdownNow();
        store.close();
    }
}
