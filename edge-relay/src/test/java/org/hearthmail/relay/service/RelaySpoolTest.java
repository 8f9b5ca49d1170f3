package org.hearthmail.relay.service;

import org.hearthmail.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.relay.spool.SpoolEntry;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.hearthmail.tls.SelfSignedCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay started from relay.toml with its mailstore down and a [spool]: transactions kept locally, sealed. */
class RelaySpoolTest {

    @TempDir
    Path dir;
    private final SealPrivateKey mailstoreKey = SealPrivateKey.generate();
    private final byte[] salt = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private int mx;
    private int nobody;

    @BeforeEach
    void keys() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(kc.certificate());
        }
        Files.writeString(dir.resolve("keys/tls-cert.pem"), w.toString());
        Files.writeString(dir.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        mx = FreePorts.tcp();
        nobody = FreePorts.tcp();
    }

    private void writeConfig(boolean withSalt, String maxBytes) throws Exception {
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n[dns]\nresolver = \"127.0.0.1:" + nobody + "\"\n"
                + "[spool]\nmailstore_key = \"" + mailstoreKey.publicKey().toBase64() + "\"\nmax_bytes = \"" + maxBytes + "\"\n"
                + "retry_max = \"1s\"\n"
                + (withSalt ? "recipient_cache_salt = \"" + Base64.getEncoder().encodeToString(salt) + "\"\n" : ""));
        Files.write(dir.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                List.of(new Mailbox("alice", "example.test")), List.of())));
    }

    /** One SMTP dialogue; returns each reply's first line. */
    private static final class Client implements AutoCloseable {
        final Socket s;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws Exception {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            assertThat(cmd("EHLO sender.example")).startsWith("250 ");
        }

        String cmd(String line) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String r;
            while ((r = in.readLine()).charAt(3) == '-') {
                // continuation lines
            }
            return r;
        }

        @Override
        public void close() throws Exception {
            s.close();
        }
    }

    @Test
    void whileTheMailstoreIsDownKnownRecipientsAreSpooledSealedAndUnknownOnesRefused() throws Exception {
        writeConfig(true, "10M");
        try (RelayService relay = RelayService.open(dir).start(); Client c = new Client(mx)) {
            assertThat(c.cmd("MAIL FROM:<bob@sender.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice+tag@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("RCPT TO:<mallory@example.test>")).isEqualTo("550 5.1.1 No such user here");
            assertThat(c.cmd("RCPT TO:<victim@elsewhere.example>")).startsWith("550 5.7.1");
            assertThat(c.cmd("DATA")).startsWith("354");
            assertThat(c.cmd("From: bob@sender.example\r\nSubject: while you were away\r\n\r\nsecret body text\r\n.")).isEqualTo("250 2.0.0 Queued");

            List<SpoolEntry> entries = relay.spool().entries();
            assertThat(entries).hasSize(1);
            byte[] onDisk = Files.readAllBytes(dir.resolve(RelayService.SPOOL_DIR).resolve(
                    Files.list(dir.resolve(RelayService.SPOOL_DIR)).filter(p -> p.toString().endsWith(".sealed"))
                            .findFirst().orElseThrow().getFileName()));
            String raw = new String(onDisk, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("secret body", "while you were away", "alice", "bob@sender");
            try (OpenedSpoolEntry opened = entries.get(0).open(mailstoreKey)) {
                assertThat(opened.meta().envelope().recipients()).extracting(r -> r.recipient().toString())
                        .containsExactly("alice+tag@example.test");
                assertThat(opened.meta().envelope().mailFrom().sender().toString()).isEqualTo("bob@sender.example");
                assertThat(opened.meta().authenticationResults()).startsWith("Authentication-Results: mx.example.test;");
                String content = new String(opened.content().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(content).startsWith("Authentication-Results: mx.example.test;")
                        .contains("(Hearthmail relay)").endsWith("Subject: while you were away\r\n\r\nsecret body text\r\n");
            }
        }
    }

    @Test
    void withoutARecipientCacheRcptIsDeferredWith450_4_4_3() throws Exception {
        writeConfig(false, "10M");
        try (RelayService relay = RelayService.open(dir).start(); Client c = new Client(mx)) {
            assertThat(c.cmd("MAIL FROM:<bob@sender.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("450 4.4.3");
            assertThat(relay.spool().entries()).isEmpty();
        }
    }

    @Test
    void aFullSpoolAnswers452_4_3_1AndKeepsNothing() throws Exception {
        writeConfig(true, "1M");
        try (RelayService relay = RelayService.open(dir).start(); Client c = new Client(mx)) {
            // RFC 1870: the declared size is reserved up front, so the spool refuses before writing.
            assertThat(c.cmd("MAIL FROM:<bob@sender.example> SIZE=2000000")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354");
            assertThat(c.cmd("From: bob@sender.example\r\nSubject: big\r\n\r\nbody\r\n.")).startsWith("452 4.3.1");
            assertThat(relay.spool().entries()).isEmpty();
        }
    }
}
