package org.hearthmail.e2e;

import org.hearthmail.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.intake.SpoolIds;
import org.hearthmail.mailstore.intake.SpoolIntake;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.relay.service.RelayService;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.tls.SelfSignedCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Inbound", ADR 0003: with the mailstore's intake stopped, the relay (started from its
 * relay.toml) accepts mail for known recipients into its sealed spool; no subject or body byte is
 * readable there; when the intake is back, the drainer hands every entry over and each message is
 * in the mailbox exactly once. Relay and mailstore on loopback (the tunnel is the namespace tests' job).
 */
class SpoolWhileMailstoreDownTest {

    /** Spooled with the relay in this JVM. */
    static final int MESSAGES = 50;
    /** Spooled by a relay process that is SIGKILLed while it hands the spool over. */
    static final int MESSAGES_KILLED_MID_DRAIN = 500;
    private static final Pattern SUBJECT = Pattern.compile("Subject: spooled-(\\d+)\r\n");

    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SealPrivateKey spoolKey = SealPrivateKey.generate();
    private final byte[] salt = new byte[32];
    private SqliteMailStore store;
    private IntakeServer intake;
    private RelayService relay;
    private User alice;

    private Process relayProcess;

    @AfterEach
    void stop() throws InterruptedException {
        if (relayProcess != null) {
            relayProcess.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (relay != null) {
            relay.close();
        }
        if (intake != null) {
            intake.close();
        }
        if (store != null) {
            store.close();
        }
        executor.shutdownNow();
    }

    private IntakeServer startIntake(int port) throws Exception {
        IntakeServer s = new IntakeServer(new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", port),
                CidrSet.of("127.0.0.1/32"), 25L * 1024 * 1024, "mx.example.test", false), store, executor,
                new SpoolIntake(spoolKey, SpoolIds.open(dir.resolve("home/spool-ids"), SpoolIds.DEFAULT_KEEP, Clock.systemUTC()),
                        dir.resolve("home/tmp")));
        s.start();
        return s;
    }

    private Path relayDir(int mx, int intakePort, int deadDns) throws Exception {
        Path r = Files.createDirectories(dir.resolve("relay/keys")).getParent();
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(kc.certificate());
        }
        Files.writeString(r.resolve("keys/tls-cert.pem"), w.toString());
        Files.writeString(r.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        new java.security.SecureRandom().nextBytes(salt);
        // What the mailstore would push: the salted hashes of its deliverable addresses.
        Files.write(r.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                List.of(new Mailbox("alice", "example.test")), List.of())));
        Files.writeString(r.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n"
                + "[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:" + intakePort + "\"\n"
                // No DNS server: a closed loopback port, so sender checks end in temperror and nothing is refused.
                + "[dns]\nresolver = \"127.0.0.1:" + deadDns + "\"\n"
                + "[spool]\nmailstore_key = \"" + spoolKey.publicKey().toBase64() + "\"\nmax_bytes = \"64M\"\n"
                + "recipient_cache_salt = \"" + Base64.getEncoder().encodeToString(salt) + "\"\nretry_max = \"1s\"\n");
        return r;
    }

    /** Issue 5: the spool holds {@code count} sealed entries and none of their subjects, bodies or addresses in clear. */
    private static void assertSpoolHoldsOnlyCiphertext(Path spoolDir, int count) throws IOException {
        List<Path> sealed;
        try (Stream<Path> files = Files.list(spoolDir)) {
            sealed = files.filter(p -> p.toString().endsWith(".sealed")).toList();
        }
        assertThat(sealed).hasSize(count);
        for (Path p : sealed) {
            String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("spooled-", "confidential-body", "Subject", "alice", "bob@sender");
        }
    }

    private static Reply send(SmtpClient c, int n) throws Exception {
        Reply mail = SmtpClient.await(c.mail("bob@sender.example", List.of()));
        assertThat(mail.code()).as(mail.toString()).isEqualTo(250);
        Reply rcpt = SmtpClient.await(c.rcpt("alice@example.test", List.of()));
        assertThat(rcpt.code()).as(rcpt.toString()).isEqualTo(250);
        String msg = "From: bob@sender.example\r\nTo: alice@example.test\r\nSubject: spooled-" + n + "\r\n"
                + "Message-ID: <" + n + "@sender.example>\r\n\r\nconfidential-body-" + n + "\r\n";
        return SmtpClient.await(c.data(MessageBody.of(msg.getBytes(StandardCharsets.US_ASCII))));
    }

    private List<MessageMeta> inbox() {
        return store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id());
    }

    private List<Integer> subjects() throws IOException {
        return subjects(inbox());
    }

    private List<Integer> subjects(List<MessageMeta> messages) throws IOException {
        List<Integer> out = new ArrayList<>();
        for (MessageMeta m : messages) {
            try (InputStream in = store.openBody(m)) {
                Matcher matcher = SUBJECT.matcher(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                assertThat(matcher.find()).isTrue();
                out.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return out;
    }

    @org.junit.jupiter.api.BeforeEach
    void openStore() throws Exception {
        store = SqliteMailStore.open(new DataDirectory(dir.resolve("home")).create(), StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
    }

    @Test
    void mailAcceptedWhileTheMailstoreIsDownIsSealedAndDeliveredExactlyOnceWhenItReturns() throws Exception {
        int mx = FreePorts.tcp();
        int intakePort = FreePorts.tcp();
        intake = startIntake(intakePort);
        relay = RelayService.open(relayDir(mx, intakePort, FreePorts.tcp())).start();

        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", mx, Duration.ofSeconds(10)));
        try {
            SmtpClient.await(c.ehlo("sender.example"));
            // Live while the intake runs: the mailstore's own reply.
            assertThat(send(c, 0).toString()).contains("250 2.0.0 Stored");
            intake.close();
            intake = null;
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(send(c, i).toString()).as("message " + i).contains("250 2.0.0 Queued");
            }
            SmtpClient.await(c.quit());
        } finally {
            c.close();
        }

        assertSpoolHoldsOnlyCiphertext(dir.resolve("relay").resolve(RelayService.SPOOL_DIR), MESSAGES);
        assertThat(subjects()).containsExactly(0);

        intake = startIntake(intakePort);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while ((inbox().size() < MESSAGES + 1 || !relay.spool().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // anything sent twice would show up now
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= MESSAGES; i++) {
            expected.add(i);
        }
        assertThat(relay.spool().isEmpty()).as("spool drained").isTrue();
        // In spool order, each exactly once.
        assertThat(subjects()).containsExactlyElementsOf(expected);
    }

    /** {@code edge-relay run} in its own JVM, so it can be SIGKILLed; waits until its MX answers. */
    private Process startRelayProcess(Path relayData, int mx, String log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.hearthmail.relay.cli.EdgeRelayCommand",
                "run", "--data-dir", relayData.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("edge-relay run exited: " + Files.readString(dir.resolve(log)));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", mx)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("edge-relay run did not listen within 60 s: " + Files.readString(dir.resolve(log)));
    }

    private void awaitInbox(int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inbox().size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void aRelayKilledWhileHandingOverTheSpoolDeliversEveryMessageExactlyOnceAfterRestart() throws Exception {
        int mx = FreePorts.tcp();
        int intakePort = FreePorts.tcp();
        Path relayData = relayDir(mx, intakePort, FreePorts.tcp());
        relayProcess = startRelayProcess(relayData, mx, "relay-1.log");
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", mx, Duration.ofSeconds(10)));
        try {
            SmtpClient.await(c.ehlo("sender.example"));
            for (int i = 1; i <= MESSAGES_KILLED_MID_DRAIN; i++) {
                assertThat(send(c, i).toString()).as("message " + i).contains("250 2.0.0 Queued");
            }
            SmtpClient.await(c.quit());
        } finally {
            c.close();
        }
        Path spoolDir = relayData.resolve(RelayService.SPOOL_DIR);
        assertSpoolHoldsOnlyCiphertext(spoolDir, MESSAGES_KILLED_MID_DRAIN);
        intake = startIntake(intakePort);
        // Kill the relay mid-drain: some entries handed over, most still spooled.
        awaitInbox(MESSAGES_KILLED_MID_DRAIN / 5, Duration.ofSeconds(120));
        int before = inbox().size();
        assertThat(before).as("drain started").isBetween(MESSAGES_KILLED_MID_DRAIN / 5, MESSAGES_KILLED_MID_DRAIN - 1);
        // Linux: destroyForcibly() is SIGKILL; no shutdown hook runs.
        relayProcess.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        relayProcess = startRelayProcess(relayData, mx, "relay-2.log");
        awaitInbox(MESSAGES_KILLED_MID_DRAIN, Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(spoolDir)) {
                if (files.noneMatch(p -> p.toString().endsWith(".sealed"))) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        Thread.sleep(500); // anything sent twice would show up now
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= MESSAGES_KILLED_MID_DRAIN; i++) {
            expected.add(i);
        }
        assertThat(subjects()).as("each message exactly once, in spool order").containsExactlyElementsOf(expected);
        try (Stream<Path> files = Files.list(spoolDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".sealed"))).as("spool drained").isEmpty();
        }
    }
}
