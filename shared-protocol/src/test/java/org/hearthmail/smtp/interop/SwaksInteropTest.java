package org.hearthmail.smtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.smtp.server.RecordingHandler.Stored;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * swaks (Debian package swaks) against the real server on loopback. swaks 20201014 (Debian 12) has
 * no CHUNKING/BDAT support and no option for MAIL parameters such as BODY=8BITMIME; those are
 * covered by the smtplib and socket tests.
 */
class SwaksInteropTest {

    /** swaks exit codes (swaks(1), EXIT CODES). */
    private static final int NO_RCPT_ACCEPTED = 24;
    private static final int AUTH_ERROR = 28;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private InteropServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ExternalProgram.Run swaks(String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--server", server.host(), "--port", server.port(),
                "--helo", "client.example", "--from", "sender@example.org",
                "--timeout", "15s"));
        args.addAll(List.of(extra));
        return ExternalProgram.SWAKS.run(dir, TIMEOUT, null, args.toArray(String[]::new));
    }

    /** Message content for {@code --data @file}; swaks adds the final CRLF and the ending dot. */
    private String dataFile(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "data", ".eml");
        Files.write(f, content);
        return "@" + f;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void plainDeliveryStoresTheMessageByteExactWithEnvelopeAndSession() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());
        String data = dataFile(ascii("Subject: plain\r\nFrom: sender@example.org\r\n\r\nHello from swaks."));

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "--data", data);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.stdout()).contains("<-  250 2.0.0 Message accepted", "-> QUIT", "<-  221 2.0.0 Bye");
        assertThat(server.handler.stored).hasSize(1);
        Stored m = server.handler.stored.get(0);
        assertThat(m.text()).isEqualTo("Subject: plain\r\nFrom: sender@example.org\r\n\r\nHello from swaks.\r\n");
        assertThat(m.envelope().mailFrom().sender()).hasToString("sender@example.org");
        assertThat(m.envelope().recipients()).extracting(r -> r.recipient().toString())
                .containsExactly("bob@example.test");
        assertThat(m.session().helo()).isEqualTo("client.example");
        assertThat(m.session().protocol()).isEqualTo("ESMTP");
        assertThat(m.session().tls()).isNull();
        assertThat(m.session().authIdentity()).isNull();
        assertThat(m.session().client().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(m.session().forwarded()).isFalse();
    }

    @Test
    void pipelinedTransactionRefusesTheUnknownRecipientAndDeliversToTheOthers() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        ExternalProgram.Run run = swaks("--pipeline", "--to", "bob@example.test,unknown@example.test,carol@example.test",
                "--data", dataFile(ascii("Subject: pipelined\r\n\r\nbody")));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        // RFC 2920 §3.1: MAIL, RCPTs and DATA go out in one group, then the replies are read in order.
        String out = run.stdout();
        int lastSend = out.indexOf(" -> DATA");
        int firstReply = out.indexOf("<-  250 2.1.0 Sender OK");
        assertThat(lastSend).as(out).isPositive();
        assertThat(firstReply).as(out).isGreaterThan(lastSend);
        assertThat(out).contains("<** 550 5.1.1 Mailbox unavailable", "<-  354 ", "<-  250 2.0.0 Message accepted");
        assertThat(server.handler.stored).hasSize(1);
        assertThat(server.handler.stored.get(0).envelope().recipients()).extracting(r -> r.recipient().toString())
                .containsExactly("bob@example.test", "carol@example.test");
        assertThat(server.handler.stored.get(0).text()).isEqualTo("Subject: pipelined\r\n\r\nbody\r\n");
    }

    @Test
    void unknownRecipientIsRefusedWith550_5_1_1InTheTranscript() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        ExternalProgram.Run run = swaks("--to", "unknown.user@example.test");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(NO_RCPT_ACCEPTED);
        assertThat(run.stdout()).contains(" -> RCPT TO:<unknown.user@example.test>", "<** 550 5.1.1 Mailbox unavailable")
                .doesNotContain(" -> DATA");
        assertThat(server.handler.stored).isEmpty();
    }

    @Test
    void linesStartingWithADotArriveUnstuffedExactly() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());
        String content = "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\n. \r\n...\r\nend";

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "--data", dataFile(ascii(content)));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        // swaks stuffed them on the wire (RFC 5321 §4.5.2) ...
        // (swaks echoes DATA lines with their CR; compare lines without it)
        assertThat(run.stdout().replace("\r", "")).contains("\n -> ..leading dot\n", "\n -> ...two dots\n", "\n -> ..\n", "\n -> .. \n",
                "\n -> ....\n", "\n -> end\n -> .\n");
        // ... and the server removed exactly one leading dot from each.
        assertThat(server.handler.stored).hasSize(1);
        assertThat(server.handler.stored.get(0).text()).isEqualTo(content + "\r\n");
    }

    @Test
    void eightBitBodyArrivesByteExact() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());
        byte[] content = "Subject: =?UTF-8?Q?caf=C3=A9?=\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCafé crème, Grüße, ☃\r\nLatin-1 byte: \u00ff"
                .getBytes(StandardCharsets.UTF_8);
        content[content.length - 2] = (byte) 0xFF; // a lone non-UTF-8 octet as well
        content = java.util.Arrays.copyOf(content, content.length - 1);

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "--data", dataFile(content));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(server.handler.stored).hasSize(1);
        byte[] expected = java.util.Arrays.copyOf(content, content.length + 2);
        expected[content.length] = '\r';
        expected[content.length + 1] = '\n';
        assertThat(server.handler.stored.get(0).content()).containsExactly(expected);
        // swaks cannot send MAIL parameters, so the body type stays undeclared.
        assertThat(server.handler.stored.get(0).envelope().mailFrom().body()).isNull();
    }

    @Test
    void startTlsThenAuthPlainDeliversAsTheAuthenticatedUser() throws Exception {
        requireSwaksTls();
        server = InteropServer.start(InteropServer.withTlsAndAuth().build());

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "-tls", "-a", "PLAIN",
                "-au", InteropServer.USER, "-ap", InteropServer.PASSWORD,
                "--data", dataFile(ascii("Subject: tls\r\n\r\nsecret body")));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.stdout()).contains(" -> STARTTLS", "<-  220 2.0.0 Ready to start TLS",
                "<~  250-AUTH PLAIN LOGIN", "<~  235 2.7.0 Authentication successful", "<~  250 2.0.0 Message accepted");
        assertThat(server.handler.stored).hasSize(1);
        Stored m = server.handler.stored.get(0);
        assertThat(m.text()).isEqualTo("Subject: tls\r\n\r\nsecret body\r\n");
        assertThat(m.session().protocol()).isEqualTo("ESMTPSA");
        assertThat(m.session().authIdentity()).isEqualTo(InteropServer.USER);
        assertThat(m.session().tls()).isNotNull();
        assertThat(m.session().tls().protocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @Test
    void authPlainWithAWrongPasswordGets535AndNothingIsDelivered() throws Exception {
        requireSwaksTls();
        server = InteropServer.start(InteropServer.withTlsAndAuth().build());

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "-tls", "-a", "PLAIN",
                "-au", InteropServer.USER, "-ap", "wrong-password");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(AUTH_ERROR);
        assertThat(run.stdout()).contains("<~* 535 5.7.8 Authentication credentials invalid")
                .doesNotContain("MAIL FROM");
        assertThat(server.handler.stored).isEmpty();
    }

    @Test
    void authIsNotOfferedBeforeTlsSoSwaksCannotAuthenticateInPlaintext() throws Exception {
        server = InteropServer.start(InteropServer.withTlsAndAuth().build());

        ExternalProgram.Run run = swaks("--to", "bob@example.test", "-a", "PLAIN",
                "-au", InteropServer.USER, "-ap", InteropServer.PASSWORD);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(AUTH_ERROR);
        assertThat(run.stdout()).contains("<-  250-STARTTLS").doesNotContain("250-AUTH").doesNotContain(" -> AUTH")
                .doesNotContain("MAIL FROM");
        // The password never went over the wire in any form.
        assertThat(run.stdout()).doesNotContain("s3cret").doesNotContain("AGFsaWNlAHMzY3JldA==");
        assertThat(server.handler.stored).isEmpty();
    }

    /** swaks speaks TLS through Net::SSLeay, which Debian ships separately (a Recommends of swaks). */
    private void requireSwaksTls() throws IOException, InterruptedException {
        ExternalProgram.Run support = ExternalProgram.SWAKS.run(dir, TIMEOUT, null, "--support");
        if (!support.stdout().contains("TLS supported")) {
            throw new AssertionError("swaks has no TLS support: install the Debian package 'libnet-ssleay-perl'\n"
                    + support.transcript());
        }
    }
}
