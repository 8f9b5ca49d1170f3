package org.hearthmail.e2e;

import org.hearthmail.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.tls.SelfSignedCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay buffers content on disk, not in memory: a 50 MiB message passes through a relay process
 * (edge-relay run from a relay.toml) whose heap is capped far below the message size.
 */
class RelayMemoryTest {

    static final long MESSAGE_BYTES = 50L * 1024 * 1024;
    static final String HEAP = "-Xmx40m";

    @TempDir
    Path dir;

    private static void writePem(Path file, Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        Files.writeString(file, w.toString());
    }

    @Test
    void fiftyMebibyteMessagePassesThroughARelayWithA40MebibyteHeap() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        SqliteMailStore store = SqliteMailStore.open(new DataDirectory(dir.resolve("home")).create(), StoreOptions.defaults());
        Process relay = null;
        try {
            store.addDomain("example.test");
            User alice = store.addUser("alice@example.test", null, 0);
            IntakeServer intake = new IntakeServer(new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                    CidrSet.of("127.0.0.1/32"), 60L * 1024 * 1024, "mx.example.test", false), store, executor);
            InetSocketAddress intakeAddress = intake.start();
            try {
                Path relayDir = Files.createDirectories(dir.resolve("relay/keys")).getParent();
                SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
                writePem(relayDir.resolve("keys/tls-cert.pem"), kc.certificate());
                Files.writeString(relayDir.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(kc.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
                int mx = FreePorts.tcp();
                // DNS goes to a closed loopback port: every check is a quick temperror.
                Files.writeString(relayDir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                        + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\nmax_message_size = \"60M\"\n"
                        + "[mailstore]\nintake = \"127.0.0.1:" + intakeAddress.getPort() + "\"\n"
                        + "[dns]\nresolver = \"127.0.0.1:9\"\n");
                Path log = dir.resolve("relay.log");
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                relay = new ProcessBuilder(List.of(java, HEAP, "-XX:MaxDirectMemorySize=32m", "-cp",
                        System.getProperty("java.class.path"), "org.hearthmail.relay.cli.EdgeRelayCommand", "run",
                        "--data-dir", relayDir.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                awaitPort(mx, relay, log);

                send(mx);
                assertThat(relay.isAlive()).as("relay still running: %s", Files.readString(log)).isTrue();
                List<MessageMeta> inbox = store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id());
                assertThat(inbox).hasSize(1);
                assertThat(inbox.get(0).size()).isGreaterThan(MESSAGE_BYTES);
                assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
                try (var left = Files.list(relayDir.resolve("tmp"))) {
                    assertThat(left).as("temp file deleted after forwarding").isEmpty();
                }
            } finally {
                intake.close();
            }
        } finally {
            if (relay != null) {
                relay.toHandle().destroy();
                if (!relay.waitFor(10, TimeUnit.SECONDS)) {
                    relay.toHandle().destroyForcibly();
                }
            }
            store.close();
            executor.shutdownNow();
        }
    }

    private static void awaitPort(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("relay exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("relay did not listen within 30 s: " + Files.readString(log));
    }

    /** Plain SMTP, content generated while it is sent (the test holds no copy either). */
    private static void send(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            expect(in, "220");
            command(out, "EHLO sender.example");
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.startsWith("250-"));
            command(out, "MAIL FROM:<bob@sender.example> SIZE=" + (MESSAGE_BYTES + 1024));
            expect(in, "250");
            command(out, "RCPT TO:<alice@example.test>");
            expect(in, "250");
            command(out, "DATA");
            expect(in, "354");
            out.write("From: bob@sender.example\r\nTo: alice@example.test\r\nSubject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] row = ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (long sent = 0; sent < MESSAGE_BYTES; sent += row.length) {
                out.write(row);
            }
            command(out, ".");
            expect(in, "250");
            command(out, "QUIT");
        }
    }

    private static void command(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws Exception {
        String line = in.readLine();
        assertThat(line).as("reply").startsWith(code);
    }
}
