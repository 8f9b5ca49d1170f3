package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.hearthmail.log.LogDirectory;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.TlsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Logging" / issue 5: {@code edge-relay run} and {@code mailstore run} as processes; a
 * message from the internet through the relay into the mailbox and one submitted by a user leave
 * one summary line each per program, with the facts and none of the content, the password or a
 * local part; log files past the retention, left by an earlier run, are gone.
 */
class MessageLogTest {
    private static final String SUBJECT = "Subject-should-never-be-logged-7731";
    private static final String BODY = "body-text-should-never-be-logged-5512";
    private static final String PASSWORD = "Pw-never-in-logs-90210-xyz";

    @TempDir
    Path dir;
    private Process relay;
    private Process mailstore;

    @AfterEach
    void stop() throws InterruptedException {
        LoopbackPair.stop(relay);
        LoopbackPair.stop(mailstore);
    }

    private static Path oldLog(Path dataDir, String name, Duration age) throws Exception {
        Path logs = Files.createDirectories(dataDir.resolve(LogDirectory.NAME));
        Path f = Files.writeString(logs.resolve(name), "an old line from an earlier run\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
        return f;
    }

    private static byte[] message(String from, String to) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + SUBJECT + "\r\nMessage-ID: <" + System.nanoTime()
                + "@x.example>\r\n\r\n" + BODY + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eachMessageLeavesOneSummaryLinePerProgramWithFactsButNoContentSecretsOrLocalParts() throws Exception {
        LoopbackPair pair = new LoopbackPair(dir);
        pair.mailstoreCli(PASSWORD + "\n", "user", "add", "alice@example.test", "--password-stdin");
        Path relayOld = oldLog(pair.relay, "edge-relay.2020-01-01.log.gz", Duration.ofDays(20));
        Path relayRecent = oldLog(pair.relay, "edge-relay.2020-01-02.log.gz", Duration.ofDays(3));
        Path homeOld = oldLog(pair.home, "mailstore.2020-01-01.log", Duration.ofDays(15));
        mailstore = LoopbackPair.run("org.hearthmail.mailstore.cli.MailstoreCommand", pair.home, pair.submission,
                dir.resolve("mailstore.out"));
        relay = LoopbackPair.run("org.hearthmail.relay.cli.EdgeRelayCommand", pair.relay, pair.mx, dir.resolve("relay.out"));

        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", pair.mx, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("sender.example"));
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            Reply r = SmtpClient.await(c.data(MessageBody.of(message("bob@sender.example", "alice@example.test"))));
            assertThat(r.code()).as(r.toString()).isEqualTo(250);
        }
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", pair.submission, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("laptop.example"));
            SmtpClient.await(c.startTls(TlsPolicy.opportunistic()));
            SmtpClient.await(c.auth(AuthMechanism.PLAIN, "alice@example.test", PASSWORD));
            assertThat(SmtpClient.await(c.mail("alice@example.test", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            Reply r = SmtpClient.await(c.data(MessageBody.of(message("alice@example.test", "alice@example.test"))));
            assertThat(r.code()).as(r.toString()).isEqualTo(250);
        }
        LoopbackPair.stop(relay);
        LoopbackPair.stop(mailstore);

        String relayLog = Files.readString(pair.relay.resolve("logs/edge-relay.log"));
        String homeLog = Files.readString(pair.home.resolve("logs/mailstore.log"));
        assertThat(relayLog).containsPattern(Pattern.compile("msg id=\\S+\\.1 dir=in result=250/2\\.0\\.0 size=0-1K tls=no "
                + "auth=spf:\\w+,dkim:\\w+,dmarc:\\w+ client=127\\.0\\.0\\.0/24 from=@sender\\.example to=@example\\.test rcpts=1\n"));
        assertThat(homeLog).containsPattern(Pattern.compile("msg id=\\S+\\.1 dir=intake result=250/2\\.0\\.0 size=0-1K tls=no "
                + "auth=spf:\\w+,dkim:\\w+,dmarc:\\w+ client=127\\.0\\.0\\.0/24 from=@sender\\.example to=@example\\.test rcpts=1\n"));
        assertThat(homeLog).containsPattern(Pattern.compile("msg id=\\S+\\.1 dir=submit result=250/\\S+ size=0-1K tls=yes "
                + "auth=smtp-auth:pass client=127\\.0\\.0\\.0/24 from=@example\\.test to=@example\\.test rcpts=1\n"));
        String plainB64 = Base64.getEncoder().encodeToString(("\0alice@example.test\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String log : List.of(relayLog, homeLog, Files.readString(dir.resolve("relay.out")),
                Files.readString(dir.resolve("mailstore.out")))) {
            assertThat(log).doesNotContain(SUBJECT, BODY, PASSWORD, plainB64, "alice@", "bob@");
        }
        assertThat(relayOld).as("past the 14-day retention").doesNotExist();
        assertThat(homeOld).as("past the 14-day retention").doesNotExist();
        assertThat(relayRecent).exists();
    }
}
