package org.hearthmail.relay.service;

import org.hearthmail.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.hearthmail.tls.SelfSignedCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay started from a relay.toml, with its mailstore down: no open relay, and a temporary refusal. */
class RelayServiceTest {

    @TempDir
    Path dir;

    private void writePem(Path file, Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        Files.writeString(file, w.toString());
    }

    private void writeKeys() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
        writePem(dir.resolve("keys/tls-cert.pem"), kc.certificate());
        Files.writeString(dir.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void servesTheMxFromItsConfigAndRefusesTemporarilyWhileTheMailstoreIsDown() throws Exception {
        writeKeys();
        int mx = FreePorts.tcp();
        int nobody = FreePorts.tcp();
        // DNS questions go to a loopback port where nothing answers: SPF ends in temperror, quickly.
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[gate]\npregreet_delay = \"0s\"\n[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n"
                + "[dns]\nresolver = \"127.0.0.1:" + nobody + "\"\n");
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("tmp/msg-left-by-a-crash.tmp"), "unreadable");
        try (RelayService relay = RelayService.open(dir).start();
             Socket s = new Socket("127.0.0.1", mx)) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 mx.example.test");
            out.write("EHLO sender.example\r\n".getBytes());
            String line;
            StringBuilder ehlo = new StringBuilder();
            while ((line = in.readLine()).startsWith("250-")) {
                ehlo.append(line).append('\n');
            }
            assertThat(ehlo).contains("250-STARTTLS");
            out.write("MAIL FROM:<a@sender.example>\r\n".getBytes());
            assertThat(in.readLine()).isEqualTo("451 4.4.1 Mailbox server not reachable, try again later");
            out.write("RCPT TO:<victim@elsewhere.example>\r\n".getBytes());
            assertThat(in.readLine()).startsWith("503");
            assertThat(relay.listeners()).extracting(org.hearthmail.service.Listeners.Listener::name).containsExactly("MX (SMTP, STARTTLS)");
            assertThat(dir.resolve("tmp/msg-left-by-a-crash.tmp")).as("swept at start").doesNotExist();
        }
    }

    @Test
    void theOutboundListenerQueuesMailFromTheMailstoreAfterStartTlsAndTheRelaySecret() throws Exception {
        writeKeys();
        int mx = FreePorts.tcp();
        int out = FreePorts.tcp();
        int nobody = FreePorts.tcp();
        Path creds = dir.resolve("keys/outbound-credentials");
        Files.writeString(creds, "name = relay1\nsecret = 0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(creds, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n[dns]\nresolver = \"127.0.0.1:" + nobody + "\"\n"
                + "[outbound]\nlisten = \"127.0.0.1:" + out + "\"\n");
        try (RelayService relay = RelayService.open(dir).start()) {
            assertThat(relay.listeners()).extracting(org.hearthmail.service.Listeners.Listener::name)
                    .contains("outbound (from the mailstore)");
            try (org.hearthmail.smtp.client.SmtpClient c = org.hearthmail.smtp.client.SmtpClient.await(
                    org.hearthmail.smtp.client.SmtpClient.connect("127.0.0.1", out, Duration.ofSeconds(5)))) {
                org.hearthmail.smtp.client.SmtpClient.await(c.ehlo("home.example.test"));
                org.hearthmail.smtp.client.SmtpClient.await(c.startTls(org.hearthmail.smtp.client.TlsPolicy.opportunistic()));
                org.hearthmail.smtp.client.SmtpClient.await(c.auth(org.hearthmail.smtp.client.AuthMechanism.PLAIN,
                        "relay1", "0123456789abcdef0123456789abcdef"));
                assertThat(org.hearthmail.smtp.client.SmtpClient.await(c.mail("alice@example.test", java.util.List.of())).code()).isEqualTo(250);
                assertThat(org.hearthmail.smtp.client.SmtpClient.await(c.rcpt("bob@elsewhere.example", java.util.List.of())).code()).isEqualTo(250);
                org.hearthmail.smtp.Reply r = org.hearthmail.smtp.client.SmtpClient.await(c.data(
                        org.hearthmail.smtp.client.MessageBody.of("From: alice@example.test\r\nSubject: out\r\n\r\nhi\r\n".getBytes())));
                assertThat(r.code()).isEqualTo(250);
                assertThat(r.text()).contains("Queued as");
            }
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("queue"))) {
            assertThat(files.filter(Files::isRegularFile).count()).as("queued files").isGreaterThan(0);
        }
    }

    @Test
    void outboundWithoutItsCredentialsFileIsAConfigErrorNamingTheKey() throws Exception {
        writeKeys();
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[outbound]\nlisten = \"127.0.0.1:2526\"\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayService.open(dir))
                .hasMessageContaining("relay.toml: outbound.credentials: keys/outbound-credentials does not exist");
    }

    @Test
    void anAddressBannedInTheDataDirectoryIsRefusedBeforeTheGreeting() throws Exception {
        writeKeys();
        int mx = FreePorts.tcp();
        int nobody = FreePorts.tcp();
        long until = java.time.Instant.now().plusSeconds(3600).getEpochSecond();
        Files.writeString(dir.resolve(RelayService.BANS_FILE), "# hearthmail relay bans v1\n127.0.0.1\t" + until + "\tabuse\n");
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n[dns]\nresolver = \"127.0.0.1:" + nobody + "\"\n");
        try (RelayService relay = RelayService.open(dir).start();
             Socket s = new Socket("127.0.0.1", mx)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("554 5.7.1");
            assertThat(in.readLine()).as("disconnected after the refusal").isNull();
        }
    }

    @Test
    void aPassthroughRouteForwardsClientBytesBehindAProxyV2Header() throws Exception {
        writeKeys();
        int mx = FreePorts.tcp();
        int nobody = FreePorts.tcp();
        int imaps = FreePorts.tcp();
        try (ServerSocket mailstore = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            mailstore.setSoTimeout(10_000);
            Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                    + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[gate]\npregreet_delay = \"0s\"\n"
                    + "[passthrough]\nroutes = [\"127.0.0.1:" + imaps + "=127.0.0.1:" + mailstore.getLocalPort() + "\"]\n"
                    + "[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n[dns]\nresolver = \"127.0.0.1:" + nobody + "\"\n");
            try (RelayService relay = RelayService.open(dir).start();
                 Socket client = new Socket("127.0.0.1", imaps)) {
                assertThat(relay.listeners()).extracting(org.hearthmail.service.Listeners.Listener::name)
                        .containsExactly("MX (SMTP, STARTTLS)", "pass-through to 127.0.0.1:" + mailstore.getLocalPort());
                client.getOutputStream().write("a1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
                try (Socket home = mailstore.accept()) {
                    home.setSoTimeout(10_000);
                    java.io.DataInputStream in = new java.io.DataInputStream(home.getInputStream());
                    byte[] head = new byte[16];
                    in.readFully(head);
                    // PROXY protocol v2 §2.2: the 12-byte signature, then version 2 / PROXY command, TCP over IPv4.
                    assertThat(java.util.Arrays.copyOf(head, 12)).isEqualTo(
                            new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
                    assertThat(head[12]).isEqualTo((byte) 0x21);
                    assertThat(head[13]).isEqualTo((byte) 0x11);
                    int length = ((head[14] & 0xff) << 8) | (head[15] & 0xff);
                    byte[] addresses = new byte[length];
                    in.readFully(addresses);
                    assertThat(java.util.Arrays.copyOf(addresses, 4)).as("source address").isEqualTo(new byte[] {127, 0, 0, 1});
                    byte[] payload = new byte[15];
                    in.readFully(payload);
                    assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("a1 CAPABILITY\r\n");
                }
            }
        }
    }
}
