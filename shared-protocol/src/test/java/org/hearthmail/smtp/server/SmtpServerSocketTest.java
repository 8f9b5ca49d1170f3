package org.hearthmail.smtp.server;

import org.hearthmail.testsupport.TrustAllTls;

import org.hearthmail.testsupport.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.hearthmail.smtp.Reply;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server on a real loopback socket: STARTTLS, AUTH, timeouts and session limits. */
class SmtpServerSocketTest {

    private static SslContext tls;
    private SmtpServer server;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeAll
    static void certificate() throws Exception {
        tls = TlsContexts.server(SelfSignedCertificates.create("mx.example.test", Duration.ofDays(1)));
    }

    private InetSocketAddress start(SmtpServerConfig config) throws InterruptedException {
        server = new SmtpServer(config, handler.factory());
        return server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static SmtpServerConfig.Builder withTlsAndAuth() {
        return SmtpServerConfig.builder("mx.example.test").tls(tls).authenticator((session, c) ->
                CompletableFuture.supplyAsync(() -> c.username().equals("alice") && new String(c.password()).equals("s3cret")
                        ? new Authenticator.Result.Success("alice")
                        : new Authenticator.Result.Failure(Reply.AUTH_INVALID)));
    }

    @Test
    void commandsPipelinedAfterStartTlsAreDiscarded() throws Exception {
        InetSocketAddress addr = start(withTlsAndAuth().build());
        try (LineClient c = new LineClient(addr)) {
            assertThat(c.reply()).startsWith("220 ");
            assertThat(c.command("EHLO client.example")).contains("250-STARTTLS").doesNotContain("AUTH");
            // CVE-2011-0411: plaintext injected after STARTTLS must not run inside the TLS session.
            c.send("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n");
            assertThat(c.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            SSLSocket ssl = c.startTls();
            assertThat(ssl.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            // No reply to the injected MAIL is waiting; the session starts over and needs EHLO.
            assertThat(c.command("MAIL FROM:<a@example.org>")).isEqualTo("503 Send EHLO or HELO first");
            String ehlo = c.command("EHLO client.example");
            assertThat(ehlo).contains("250-AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.command("STARTTLS")).isEqualTo("503 5.5.1 TLS already active");
        }
    }

    @Test
    void serverTlsEnablesOnlyTls12And13() {
        // RFC 8996: TLS 1.0 and 1.1 must not be negotiated.
        javax.net.ssl.SSLEngine engine = tls.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void authPlainInsideTlsSucceedsAndWrongPasswordIs535() throws Exception {
        InetSocketAddress addr = start(withTlsAndAuth().build());
        try (LineClient c = new LineClient(addr)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("STARTTLS");
            c.startTls();
            c.command("EHLO client.example");
            String bad = Base64.getEncoder().encodeToString("\0alice\0wrong".getBytes(StandardCharsets.UTF_8));
            assertThat(c.command("AUTH PLAIN " + bad)).isEqualTo("535 5.7.8 Authentication credentials invalid");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(c.command("*")).isEqualTo("501 5.0.0 Authentication cancelled");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("334 ");
            String good = Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));
            assertThat(c.command(good)).isEqualTo("235 2.7.0 Authentication successful");
            assertThat(c.command("AUTH PLAIN " + good)).isEqualTo("503 5.5.1 Already authenticated");
            assertThat(c.command("MAIL FROM:<alice@example.test>")).isEqualTo("250 2.1.0 Sender OK");
            assertThat(handler.lastInfo.authIdentity()).isEqualTo("alice");
            assertThat(handler.lastInfo.protocol()).isEqualTo("ESMTPSA");
            assertThat(handler.lastInfo.tls().protocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void authLoginExchange() throws Exception {
        InetSocketAddress addr = start(withTlsAndAuth().build());
        try (LineClient c = new LineClient(addr)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("STARTTLS");
            c.startTls();
            c.command("EHLO client.example");
            assertThat(c.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(Base64.getEncoder().encodeToString("alice".getBytes()))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(Base64.getEncoder().encodeToString("s3cret".getBytes()))).isEqualTo("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void submissionRequiresTlsThenAuthBeforeMail() throws Exception {
        InetSocketAddress addr = start(withTlsAndAuth().requireTls(true).requireAuth(true).build());
        try (LineClient c = new LineClient(addr)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:<a@example.org>")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            c.command("STARTTLS");
            c.startTls();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:<a@example.org>")).isEqualTo("530 5.7.0 Authentication required");
        }
    }

    @Test
    void implicitTlsListenerSpeaksTlsFromTheFirstByte() throws Exception {
        InetSocketAddress addr = start(withTlsAndAuth().implicitTls(true).build());
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.connect(addr);
            javax.net.ssl.SSLContext ctx = TrustAllTls.context();
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "mx.example.test", addr.getPort(), true);
            ssl.setSoTimeout(5000);
            ssl.startHandshake();
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(ssl.getInputStream()));
            assertThat(r.readLine()).startsWith("220 mx.example.test");
        }
    }

    @Test
    void idleClientGets421_4_4_2AndIsDisconnected() throws Exception {
        InetSocketAddress addr = start(SmtpServerConfig.builder("mx.example.test").commandTimeout(Duration.ofMillis(300)).build());
        try (LineClient c = new LineClient(addr)) {
            assertThat(c.reply()).startsWith("220 ");
            c.command("EHLO client.example");
            long t0 = System.nanoTime();
            assertThat(c.reply()).isEqualTo("421 4.4.2 Idle timeout, closing connection");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(c.reply()).isNull();
        }
    }

    @Test
    void dataPhaseTimeoutAlsoCloses() throws Exception {
        InetSocketAddress addr = start(SmtpServerConfig.builder("mx.example.test").dataTimeout(Duration.ofMillis(300)).build());
        try (LineClient c = new LineClient(addr)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@example.org>");
            c.command("RCPT TO:<b@example.test>");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("partial line");
            assertThat(c.reply()).isEqualTo("421 4.4.2 Idle timeout, closing connection");
        }
        assertThat(handler.stored).isEmpty();
    }

    @Test
    void sessionsBeyondTheListenerLimitGet421() throws Exception {
        InetSocketAddress addr = start(SmtpServerConfig.builder("mx.example.test").maxSessions(1).build());
        try (LineClient first = new LineClient(addr)) {
            assertThat(first.reply()).startsWith("220 ");
            try (LineClient second = new LineClient(addr)) {
                assertThat(second.reply()).isEqualTo("421 Too many concurrent sessions, try again later");
            }
        }
        // After the first leaves, a new session is admitted.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.activeSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (LineClient third = new LineClient(addr)) {
            assertThat(third.reply()).startsWith("220 ");
        }
    }
}
