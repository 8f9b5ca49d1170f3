package org.hearthmail.relay.service;

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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writePem(Path file, Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        Files.writeString(file, w.toString());
    }

    @Test
    void servesTheMxFromItsConfigAndRefusesTemporarilyWhileTheMailstoreIsDown() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1));
        writePem(dir.resolve("keys/tls-cert.pem"), kc.certificate());
        Files.writeString(dir.resolve("keys/tls-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kc.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        int mx = freePort();
        int nobody = freePort();
        // DNS questions go to a loopback port where nothing answers: SPF ends in temperror, quickly.
        Files.writeString(dir.resolve("relay.toml"), "hostname = \"mx.example.test\"\ndomains = [\"example.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + mx + "\"\n[mailstore]\nintake = \"127.0.0.1:" + nobody + "\"\n"
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
}
