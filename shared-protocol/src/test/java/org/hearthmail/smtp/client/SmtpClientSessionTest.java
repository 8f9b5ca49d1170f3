package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.smtp.client.SmtpClient.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The client against {@link TestSmtpServer}, a real socket server, for what smtp-sink lacks:
 * STARTTLS, AUTH with 235, CHUNKING, XCLIENT with 220, withheld replies and silence.
 */
class SmtpClientSessionTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static EventLoopGroup group;
    private static TestCertificate cert;

    @BeforeAll
    static void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        cert = TestCertificate.selfSigned("mx.test.example");
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static TestSmtpServer server(java.util.function.Consumer<TestSmtpServer.Options> setup) throws Exception {
        TestSmtpServer.Options o = new TestSmtpServer.Options();
        o.tls = cert.serverContext();
        setup.accept(o);
        return new TestSmtpServer(o);
    }

    private static SmtpClient connect(TestSmtpServer s, Duration timeout) throws Exception {
        SmtpClientConfig cfg = SmtpClientConfig.defaults().withTimeouts(SmtpTimeouts.uniform(timeout)).withChunkSize(64 * 1024);
        return await(SmtpClient.connect(group, cfg, "127.0.0.1", s.port(), T));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void startTlsOpportunisticEncryptsAndEhloIsRepeatedWithFreshCapabilities() throws Exception {
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            assertThat(await(c.ehlo("client.example")).startTls()).isTrue();
            Capabilities after = await(c.startTls(TlsPolicy.opportunistic()));
            assertThat(after.startTls()).as("capabilities re-read after TLS (RFC 3207 §4.2)").isFalse();
            SSLSession tls = c.tlsSession().orElseThrow();
            assertThat(tls.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(await(c.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(ascii("over tls\r\n")))).delivered()).isTrue();
            assertThat(s.messages.poll(5, TimeUnit.SECONDS)).isEqualTo(ascii("over tls\r\n"));
            assertThat(s.transcript).containsSubsequence("EHLO client.example", "STARTTLS", "EHLO client.example", "MAIL FROM:<a@example.org>");
        }
    }

    @Test
    void startTlsWithPkixAcceptsACertificateThatNamesTheHost() throws Exception {
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            await(c.startTls(TlsPolicy.pkix(List.of(cert.certificate()), "mx.test.example")));
            assertThat(c.tlsSession()).isPresent();
            assertThat(await(c.noop()).code()).isEqualTo(250);
        }
    }

    @Test
    void startTlsWithPkixRefusesACertificateForAnotherNameAndClosesTheSession() throws Exception {
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.startTls(TlsPolicy.pkix(List.of(cert.certificate()), "other.example"))))
                    .isInstanceOf(SmtpTlsException.class);
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void startTlsWithPkixRefusesAnUntrustedSelfSignedCertificate() throws Exception {
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.startTls(TlsPolicy.pkix("mx.test.example"))))
                    .isInstanceOf(SmtpTlsException.class);
        }
    }

    @Test
    void customCheckSeesTheChainAndCanPinOrRefuseIt() throws Exception {
        byte[] pin = MessageDigest.getInstance("SHA-256").digest(cert.certificate().getPublicKey().getEncoded());
        TlsPolicy pinned = TlsPolicy.custom((chain, host) -> {
            try {
                byte[] got = MessageDigest.getInstance("SHA-256").digest(chain[0].getPublicKey().getEncoded());
                if (!Arrays.equals(got, pin)) {
                    throw new CertificateException("key not pinned");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        });
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            await(c.startTls(pinned));
            assertThat(c.tlsSession()).isPresent();
        }
        TlsPolicy refuse = TlsPolicy.custom((chain, host) -> {
            throw new CertificateException("no");
        });
        try (TestSmtpServer s = server(o -> o.extensions.add("STARTTLS")); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.startTls(refuse))).isInstanceOf(SmtpTlsException.class);
        }
    }

    @Test
    void plaintextInjectedAfterStartTls220ClosesTheSession() throws Exception {
        try (TestSmtpServer s = server(o -> {
                o.extensions.add("STARTTLS");
                o.injectAfterStartTls = "250-injected\r\n250 PIPELINING\r\n";
            }); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.startTls(TlsPolicy.opportunistic())))
                    .isInstanceOf(SmtpProtocolException.class).hasMessageContaining("injection");
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void authPlainAndLoginSucceedWith235AndNeverLogTheSecret() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("org.hearthmail.smtp.client");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level before = log.getLevel();
        log.setLevel(Level.DEBUG);
        log.addAppender(events);
        log.setAdditive(false);
        try (TestSmtpServer s = server(o -> o.extensions.add("AUTH PLAIN LOGIN"))) {
            for (AuthMechanism m : AuthMechanism.values()) {
                try (SmtpClient c = connect(s, T)) {
                    assertThat(await(c.ehlo("client.example")).authMechanisms()).contains(m.name());
                    assertThat(await(c.auth(m, "alice", "s3cret")).code()).isEqualTo(235);
                }
            }
            try (SmtpClient c = connect(s, T)) {
                await(c.ehlo("client.example"));
                assertThatThrownBy(() -> await(c.auth(AuthMechanism.PLAIN, "alice", "wrong")))
                        .isInstanceOf(SmtpReplyException.class)
                        .satisfies(e -> assertThat(((SmtpReplyException) e).reply().code()).isEqualTo(535));
                assertThat(await(c.noop()).code()).as("session survives a failed AUTH").isEqualTo(250);
            }
        } finally {
            log.detachAppender(events);
            log.setLevel(before);
            log.setAdditive(true);
        }
        String plain = Base64.getEncoder().encodeToString(ascii("\0alice\0s3cret"));
        String b64pass = Base64.getEncoder().encodeToString(ascii("s3cret"));
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("AUTH PLAIN ****"))
                .noneMatch(m -> m.contains("s3cret") || m.contains(plain) || m.contains(b64pass) || m.contains("wrong"));
    }

    @Test
    void xclientLinesEachGet220AndTheCallerMustEhloAgain() throws Exception {
        try (TestSmtpServer s = server(o -> o.extensions.add("XCLIENT ADDR PORT NAME HELO PROTO"));
             SmtpClient c = connect(s, T)) {
            assertThat(await(c.ehlo("relay.example")).xclientAttributes()).contains("ADDR", "NAME");
            Reply r = await(c.xclient(List.of("XCLIENT ADDR=192.0.2.7 PORT=4711", "XCLIENT NAME=sender.example HELO=sender.example")));
            assertThat(r.code()).isEqualTo(220);
            assertThat(c.capabilities()).isEmpty();
            assertThat(await(c.ehlo("sender.example")).pipelining()).isTrue();
            assertThat(s.transcript).containsSubsequence("XCLIENT ADDR=192.0.2.7 PORT=4711",
                    "XCLIENT NAME=sender.example HELO=sender.example", "EHLO sender.example");
        }
    }

    @Test
    void pipeliningSendsMailRcptsAndDataBeforeAnyReply() throws Exception {
        // The server withholds MAIL/RCPT replies until it has read DATA: a non-pipelining client would time out.
        try (TestSmtpServer s = server(o -> o.holdRepliesUntilData = true); SmtpClient c = connect(s, Duration.ofSeconds(3))) {
            await(c.ehlo("client.example"));
            TransactionResult r = await(c.send(Envelope.of("a@example.org", "b@example.net", "unknown@example.net", "d@example.net"),
                    MessageBody.of(ascii("Subject: p\r\n\r\n.x\r\n"))));
            assertThat(r.delivered()).isTrue();
            assertThat(r.recipients()).extracting(rr -> rr.reply().code()).containsExactly(250, 550, 250);
            assertThat(r.acceptedRecipients()).extracting(Envelope.Recipient::address).containsExactly("b@example.net", "d@example.net");
            assertThat(s.messages.poll(5, TimeUnit.SECONDS)).isEqualTo(ascii("Subject: p\r\n\r\n.x\r\n"));
        }
    }

    @Test
    void pipelinedDataAcceptedDespiteNoValidRecipientSendsOnlyTheDot() throws Exception {
        try (TestSmtpServer s = server(o -> o.holdRepliesUntilData = true); SmtpClient c = connect(s, Duration.ofSeconds(3))) {
            await(c.ehlo("client.example"));
            TransactionResult r = await(c.send(Envelope.of("a@example.org", "unknown@example.net"),
                    MessageBody.of(ascii("secret content\r\n"))));
            assertThat(r.delivered()).isFalse();
            // RFC 2920 §3.1: the server wrongly said 354; the client sent a lone "." (empty content)
            assertThat(s.messages.poll(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(s.transcript).contains("RSET");
        }
    }

    @Test
    void bdatSendsContentInChunksByteExact() throws Exception {
        byte[] content = new byte[1_000_000 + 123];
        new Random(7).nextBytes(content);
        try (TestSmtpServer s = server(o -> o.extensions.add("CHUNKING")); SmtpClient c = connect(s, T)) {
            assertThat(await(c.ehlo("client.example")).chunking()).isTrue();
            TransactionResult r = await(c.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(content), true));
            assertThat(r.delivered()).isTrue();
            assertThat(s.messages.poll(5, TimeUnit.SECONDS)).isEqualTo(content);
            assertThat(s.transcript.stream().filter(l -> l.startsWith("BDAT ")).toList())
                    .hasSize(16).last().isEqualTo("BDAT " + (content.length - 15 * 65536) + " LAST");
            assertThat(s.transcript).doesNotContain("DATA");
            // an empty body is one "BDAT 0 LAST"
            assertThat(await(c.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(new byte[0]), true)).delivered()).isTrue();
            assertThat(s.transcript).contains("BDAT 0 LAST");
        }
    }

    @Test
    void bdatWithoutChunkingAdvertisedIsRefusedLocally() throws Exception {
        try (TestSmtpServer s = server(o -> { }); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThat(c.bdat(MessageBody.of(new byte[1]))).failsWithin(Duration.ofSeconds(1))
                    .withThrowableThat().havingCause().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void commandWithoutReplyTimesOutAndClosesTheSession() throws Exception {
        try (TestSmtpServer s = server(o -> o.silentOn = "NOOP"); SmtpClient c = connect(s, Duration.ofMillis(400))) {
            await(c.ehlo("client.example"));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> await(c.noop()))
                    .isInstanceOf(SmtpTimeoutException.class)
                    .satisfies(e -> assertThat(((SmtpTimeoutException) e).command()).isEqualTo("NOOP"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(c.isOpen()).isFalse();
            assertThatThrownBy(() -> await(c.rset())).isInstanceOf(SmtpClientException.class);
        }
    }

    @Test
    void ehloRefusedWith5xxFallsBackToHelo() throws Exception {
        try (TestSmtpServer s = server(o -> o.refuseEhlo = true); SmtpClient c = connect(s, T)) {
            Capabilities caps = await(c.ehlo("client.example"));
            assertThat(caps.esmtp()).isFalse();
            assertThat(s.transcript).containsSubsequence("EHLO client.example", "HELO client.example");
        }
    }

    @Test
    void crOrLfInAnArgumentIsRejectedBeforeAnythingIsSent() throws Exception {
        try (TestSmtpServer s = server(o -> { }); SmtpClient c = connect(s, T)) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> c.mail("a@example.org>\r\nRCPT TO:<victim@example.net", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(await(c.noop()).code()).isEqualTo(250);
            assertThat(s.transcript).noneMatch(l -> l.contains("victim"));
        }
    }

    @Test
    void connectToAClosedPortFailsWithAConnectionError() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        assertThatThrownBy(() -> await(SmtpClient.connect(group, SmtpClientConfig.defaults(), "127.0.0.1", port, T)))
                .isInstanceOf(SmtpConnectionException.class);
    }
}
