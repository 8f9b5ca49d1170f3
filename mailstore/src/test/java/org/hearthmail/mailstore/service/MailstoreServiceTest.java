package org.hearthmail.mailstore.service;

import org.hearthmail.testsupport.FreePorts;

import org.hearthmail.testsupport.TrustAllTls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hearthmail.mailstore.cli.MailstoreCommand;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installation made by {@code mailstore init} runs and takes mail on its configured intake. */
class MailstoreServiceTest {

    @TempDir
    Path tmp;

    @Test
    void initThenRunServesTheIntakeFromTheConfigFile() throws Exception {
        Path dir = tmp.resolve("data");
        assertThat(MailstoreCommand.commandLine().execute("init", "--domain", "example.test", "--mx-host", "mx.example.test",
                "--data-dir", dir.toString())).isZero();
        Path toml = dir.resolve("mailstore.toml");
        // Another free port instead of the default 10025, so the test can run beside a demo.
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        Files.writeString(toml, FreePorts.move(Files.readString(toml), java.util.Map.of(10025, free,
                2587, FreePorts.tcp(), 2465, FreePorts.tcp(), 2143, FreePorts.tcp(), 2993, FreePorts.tcp())));
        try (MailstoreService service = MailstoreService.open(dir).start()) {
            long user = service.store().addUser("alice@example.test", null, 0).id();
            int port = service.listeners().get(0).address().getPort();
            try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", port, Duration.ofSeconds(5)))) {
                SmtpClient.await(c.ehlo("relay.example.test"));
                SmtpClient.await(c.mail("s@sender.example", List.of()));
                SmtpClient.await(c.rcpt("alice@example.test", List.of()));
                assertThat(SmtpClient.await(c.data(MessageBody.of("Subject: hi\r\n\r\nx\r\n".getBytes()))).code()).isEqualTo(250);
            }
            long inbox = service.store().mailbox(user, MailboxRole.INBOX).orElseThrow().id();
            assertThat(service.store().messages(inbox)).hasSize(1);
            assertThat(service.listeners()).extracting(org.hearthmail.service.Listeners.Listener::name).containsExactly(
                    "SMTP intake", "submission (STARTTLS)", "submission (implicit TLS)", "IMAP (STARTTLS)", "IMAP (implicit TLS)");
            // The implicit-TLS IMAP listener greets inside TLS (RFC 8314).
            int imaps = service.listeners().get(4).address().getPort();
            javax.net.ssl.SSLContext ctx = TrustAllTls.context();
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", imaps)) {
                s.setSoTimeout(10_000);
                String greeting = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine();
                assertThat(greeting).startsWith("* OK");
            }
        }
    }

}
