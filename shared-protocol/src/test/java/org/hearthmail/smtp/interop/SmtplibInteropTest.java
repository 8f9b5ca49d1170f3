package org.hearthmail.smtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hearthmail.smtp.server.RecordingHandler.Stored;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's smtplib (Debian's python3) against the real server on loopback. */
class SmtplibInteropTest {

    private static final String SCRIPT = "smtplib_client.py";

    @TempDir
    Path dir;
    private InteropServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PythonScript.Result scenario(String name) throws Exception {
        return PythonScript.run(dir, SCRIPT, name, server.host(), server.port());
    }

    private List<String> texts() {
        return server.handler.stored.stream().map(Stored::text).toList();
    }

    @Test
    void ehloFeaturesAreParsedBySmtplib() throws Exception {
        server = InteropServer.start(InteropServer.withTlsAndAuth().maxMessageSize(1_000_000).build());

        PythonScript.Result r = scenario("features");

        assertThat(r.get("ehlo")).isEqualTo("250");
        for (String ext : List.of("chunking", "pipelining", "size", "smtputf8", "starttls", "8bitmime",
                "enhancedstatuscodes", "dsn")) {
            assertThat(r.get("has " + ext)).as(ext).isEqualTo("True");
        }
        assertThat(r.get("size")).isEqualTo("'1000000'");
        // No plaintext AUTH: offered only once TLS is up, and STARTTLS is gone then (RFC 3207 §4.2).
        assertThat(r.get("has auth")).isEqualTo("False");
        assertThat(r.get("tls has starttls")).isEqualTo("False");
        assertThat(r.get("tls auth")).isEqualTo("['PLAIN', 'LOGIN']");
    }

    @Test
    void sendmailReportsTheRefusedRecipientAndDeliversToTheOthers() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        PythonScript.Result r = scenario("refused_recipient");

        assertThat(r.get("refused")).isEqualTo("{'unknown@example.test': (550, b'5.1.1 Mailbox unavailable')}");
        assertThat(r.get("all refused")).isEqualTo("{'unknown1@example.test': (550, b'5.1.1 Mailbox unavailable'), "
                + "'unknown2@example.test': (550, b'5.1.1 Mailbox unavailable')}");
        assertThat(server.handler.stored).hasSize(1);
        Stored m = server.handler.stored.get(0);
        assertThat(m.text()).isEqualTo("Subject: multi\r\n\r\nthree recipients, one refused\r\n");
        assertThat(m.envelope().recipients()).extracting(rc -> rc.recipient().toString())
                .containsExactly("bob@example.test", "carol@example.test");
        assertThat(m.session().helo()).isEqualTo("client.example");
    }

    @Test
    void authIsRefusedBeforeStartTlsAndPlainAndLoginWorkInsideIt() throws Exception {
        server = InteropServer.start(InteropServer.withTlsAndAuth().build());

        PythonScript.Result r = scenario("starttls_login");

        assertThat(r.get("login before tls")).isEqualTo("'SMTPNotSupportedError'");
        // RFC 4954 §6: 538 when the mechanism needs an encrypted channel.
        assertThat(r.get("raw auth before tls"))
                .isEqualTo("(538, b'5.7.11 Encryption required for requested authentication mechanism')");
        assertThat(r.get("tls version")).isIn("'TLSv1.3'", "'TLSv1.2'");
        assertThat(r.get("wrong password")).isEqualTo("(535, b'5.7.8 Authentication credentials invalid')");
        assertThat(r.get("login plain")).isEqualTo("(235, b'2.7.0 Authentication successful')");
        assertThat(r.get("login LOGIN initial=True")).isEqualTo("(235, b'2.7.0 Authentication successful')");
        assertThat(r.get("login LOGIN initial=False")).isEqualTo("(235, b'2.7.0 Authentication successful')");
        assertThat(r.get("refused")).isEqualTo("{}");
        assertThat(texts()).containsExactly("Subject: plain\r\n\r\nvia PLAIN\r\n",
                "Subject: login True\r\n\r\nvia LOGIN\r\n", "Subject: login False\r\n\r\nvia LOGIN\r\n");
        for (Stored m : server.handler.stored) {
            assertThat(m.session().authIdentity()).isEqualTo(InteropServer.USER);
            assertThat(m.session().protocol()).isEqualTo("ESMTPSA");
        }
    }

    @Test
    void sendMessageWithNonAsciiAddressesUsesSmtpUtf8AndArrivesIntact() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        PythonScript.Result r = scenario("smtputf8");

        assertThat(r.get("send_message")).isEqualTo("{}");
        assertThat(r.get("send_message explicit")).isEqualTo("{}");
        assertThat(server.handler.stored).hasSize(2);
        for (Stored m : server.handler.stored) {
            assertThat(m.envelope().mailFrom().smtpUtf8()).isTrue();
            assertThat(m.envelope().mailFrom().body()).isEqualTo("8BITMIME");
            assertThat(m.envelope().mailFrom().sender()).hasToString("jörg@bücher.example");
            assertThat(m.envelope().recipients()).extracting(rc -> rc.recipient().toString())
                    .containsExactly("zoë@example.test");
            String utf8 = new String(m.content(), StandardCharsets.UTF_8);
            // RFC 6532 §3: UTF-8 header fields, unencoded.
            assertThat(utf8).contains("From: jörg@bücher.example\r\n", "To: zoë@example.test\r\n",
                    "Subject: Grüße\r\n");
            assertThat(utf8).endsWith("\r\n\r\nHallo Zoë, ☃\r\n");
        }
    }

    @Test
    void smtplibLockstepAndAPipelinedBatchGetRepliesInOrder() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).build());

        PythonScript.Result r = scenario("pipelining");

        assertThat(r.get("has pipelining")).isEqualTo("True");
        assertThat(r.get("sendmail")).isEqualTo("{}");
        // RFC 2920 §3.1: one reply per command, in command order.
        assertThat(r.get("pipelined")).isEqualTo("[(250, b'2.1.0 Sender OK'), (250, b'2.1.5 Recipient OK'), "
                + "(550, b'5.1.1 Mailbox unavailable'), (250, b'2.1.5 Recipient OK'), "
                + "(354, b'Start mail input; end with <CRLF>.<CRLF>')]");
        assertThat(r.get("pipelined end")).isEqualTo("(250, b'2.0.0 Message accepted')");
        assertThat(texts()).containsExactly("Subject: lockstep\r\n\r\none\r\n", "Subject: pipelined\r\n\r\ntwo\r\n");
        assertThat(server.handler.stored.get(1).envelope().recipients()).extracting(rc -> rc.recipient().toString())
                .containsExactly("bob@example.test", "carol@example.test");
    }

    @Test
    void messageOverTheSizeLimitGets552WhetherDeclaredOrNot() throws Exception {
        server = InteropServer.start(SmtpServerConfig.builder(InteropServer.HOSTNAME).maxMessageSize(10_000).build());

        PythonScript.Result r = scenario("too_big");

        String tooBig = "(552, b'5.3.4 Message size exceeds fixed maximum message size')";
        assertThat(r.get("declared")).isEqualTo(tooBig);
        assertThat(r.get("undeclared")).isEqualTo(tooBig);
        assertThat(r.get("after")).isEqualTo("{}");
        assertThat(texts()).containsExactly("Subject: small\r\n\r\nfits\r\n");
    }

    @Test
    void smtpSslAgainstAnImplicitTlsListenerAuthenticatesAndDelivers() throws Exception {
        server = InteropServer.start(InteropServer.withTlsAndAuth().implicitTls(true).build());

        PythonScript.Result r = scenario("implicit_tls");

        assertThat(r.get("tls version")).isIn("'TLSv1.3'", "'TLSv1.2'");
        assertThat(r.get("has starttls")).isEqualTo("False");
        assertThat(r.get("login")).isEqualTo("(235, b'2.7.0 Authentication successful')");
        assertThat(r.get("refused")).isEqualTo("{}");
        assertThat(texts()).containsExactly("Subject: smtps\r\n\r\nimplicit TLS\r\n");
        Stored m = server.handler.stored.get(0);
        assertThat(m.session().tls()).isNotNull();
        assertThat(m.session().protocol()).isEqualTo("ESMTPSA");
        assertThat(m.session().authIdentity()).isEqualTo(InteropServer.USER);
    }
}
