package org.hearthmail.relay.passthrough;

import org.hearthmail.testsupport.TrustAllTls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.ProxiedAddress;
import org.hearthmail.proxy.ProxyProtocolConfig;
import org.hearthmail.relay.gate.BanList;
import org.hearthmail.relay.gate.ConnectionGate;
import org.hearthmail.relay.gate.GateConfig;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pass-through on loopback, against backends that decode PROXY v2 with the project's own handler. */
class PassthroughTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ProxyBackend backend(ProxyBackend b) throws InterruptedException {
        open.add(b);
        return b;
    }

    private InetSocketAddress relay(InetSocketAddress target, Duration idle, ConnectionGate gate, Tap tap)
            throws InterruptedException {
        PassthroughConfig config = new PassthroughConfig(
                List.of(new PassthroughRoute(new InetSocketAddress("127.0.0.1", 0), target)), Duration.ofSeconds(2), idle);
        PassthroughServer server = new PassthroughServer(config, gate).tap(tap);
        open.add(server);
        return server.start().get(0);
    }

    private InetSocketAddress relay(InetSocketAddress target) throws InterruptedException {
        return relay(target, Duration.ofMinutes(1), null, Tap.NONE);
    }

    private static Socket connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void smtpServerBehindTheRelaySeesTheClientsRealAddressFromProxyV2() throws Exception {
        List<SessionInfo> seen = new ArrayList<>();
        SessionHandler h = new SessionHandler() {
            @Override public CompletableFuture<Decision> connect(SessionInfo s) {
                seen.add(s);
                return CompletableFuture.completedFuture(Decision.accept());
            }
            @Override public CompletableFuture<Decision> mailFrom(SessionInfo s, MailFrom m) {
                return CompletableFuture.completedFuture(Decision.accept());
            }
            @Override public CompletableFuture<Decision> rcptTo(SessionInfo s, MailFrom m, RcptTo r) {
                return CompletableFuture.completedFuture(Decision.accept());
            }
            @Override public CompletableFuture<MessageSink> openMessage(SessionInfo s, Envelope e) {
                return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
            }
        };
        SmtpServer submission = new SmtpServer(SmtpServerConfig.builder("store.example.test")
                .proxyProtocol(ProxyProtocolConfig.trusting(CidrSet.of("127.0.0.1/32"))).build(), info -> h);
        open.add(submission);
        InetSocketAddress store = submission.start(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress relay = relay(store);
        try (Socket s = connect(relay)) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 store.example.test");
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("221");
            assertThat(seen).hasSize(1);
            SessionInfo info = seen.get(0);
            assertThat(info.forwarded()).isTrue();
            assertThat(info.client()).isEqualTo(s.getLocalSocketAddress());
            assertThat(info.server()).isEqualTo(relay);
        }
    }

    @Test
    void bytesFlowBothWaysIntactAndAHalfCloseIsPassedOn() throws Exception {
        ProxyBackend b = backend(new ProxyBackend(ProxyBackend.Mode.ECHO, null));
        InetSocketAddress relay = relay(b.start());
        try (Socket s = connect(relay)) {
            byte[] payload = new byte[256 * 1024];
            new Random(7).nextBytes(payload);
            s.getOutputStream().write(payload);
            s.shutdownOutput();
            byte[] back = readAll(s.getInputStream());
            // Everything echoed, then the backend's answer to our half-close, then end of stream.
            assertThat(back).hasSize(payload.length + 4);
            assertThat(java.util.Arrays.copyOf(back, payload.length)).isEqualTo(payload);
            assertThat(new String(back, payload.length, 4, StandardCharsets.US_ASCII)).isEqualTo("BYE\n");
            ProxiedAddress client = b.client.get(5, TimeUnit.SECONDS);
            assertThat(client.origin()).isEqualTo(ProxiedAddress.Origin.PROXY_HEADER);
            assertThat(client.source()).isEqualTo(s.getLocalSocketAddress());
            assertThat(client.destination()).isEqualTo(relay);
        }
    }

    @Test
    void tlsRunsEndToEndAndTheRelayNeverSeesPlaintext() throws Exception {
        SslContext serverTls = TlsContexts.server(SelfSignedCertificates.create("imap.example.test", Duration.ofDays(1)));
        ProxyBackend b = backend(new ProxyBackend(ProxyBackend.Mode.ECHO, serverTls));
        ByteArrayOutputStream seenByRelay = new ByteArrayOutputStream();
        Tap tap = (direction, data) -> {
            byte[] bytes = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), bytes);
            synchronized (seenByRelay) {
                seenByRelay.writeBytes(bytes);
            }
        };
        InetSocketAddress relay = relay(b.start(), Duration.ofMinutes(1), null, tap);
        String marker = "MARKER-" + Long.toHexString(new Random().nextLong()) + "-a1 LOGIN alice s3cret";
        SSLContext ctx = TrustAllTls.context();
        try (Socket plain = connect(relay);
             SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "imap.example.test", relay.getPort(), true)) {
            s.startHandshake();
            byte[] m = (marker + "\r\n").getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(m);
            s.getOutputStream().flush();
            byte[] back = s.getInputStream().readNBytes(m.length);
            assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo(marker + "\r\n");
        }
        byte[] relayed;
        synchronized (seenByRelay) {
            relayed = seenByRelay.toByteArray();
        }
        String asText = new String(relayed, StandardCharsets.ISO_8859_1);
        assertThat(relayed.length).as("the TLS records did pass through the relay").isGreaterThan(200);
        assertThat(asText).doesNotContain("MARKER-").doesNotContain("s3cret");
        // The backend received exactly what the relay forwarded from the client, after the PROXY header.
        synchronized (b.raw) {
            assertThat(new String(b.raw.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-");
        }
    }

    @Test
    void aSlowMailstoreStallsTheClientInsteadOfFillingTheRelaysMemory() throws Exception {
        ProxyBackend b = backend(new ProxyBackend(ProxyBackend.Mode.SINK, null).paused());
        InetSocketAddress relay = relay(b.start());
        long total = 96L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (Socket s = connect(relay)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    Random r = new Random(42);
                    byte[] chunk = new byte[64 * 1024];
                    while (written.get() < total) {
                        r.nextBytes(chunk);
                        sent.update(chunk);
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // Wait until the writer makes no progress for half a second (bounded by 20 s).
            long last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && written.get() != last) {
                last = written.get();
                Thread.sleep(500);
            }
            long stalledAt = written.get();
            // Socket buffers on loopback hold a few MiB per hop; the relay itself holds at most its
            // channel's high water mark per direction.
            assertThat(stalledAt).as("the client is held back while the mailstore does not read")
                    .isLessThan(48L * 1024 * 1024);
            assertThat(writer).isNotDone();
            b.resume();
            writer.get(60, TimeUnit.SECONDS);
            assertThat(b.sinkDone.get(60, TimeUnit.SECONDS)).isEqualTo(total);
            assertThat(b.sha256()).isEqualTo(sent.digest());
        }
    }

    @Test
    void unreachableMailstoreClosesTheClientConnection() throws Exception {
        int closedPort;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddressLiteral.parse("127.0.0.1"))) {
            closedPort = ss.getLocalPort();
        }
        InetSocketAddress relay = relay(new InetSocketAddress("127.0.0.1", closedPort));
        long start = System.nanoTime();
        try (Socket s = connect(relay)) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void idleConnectionIsClosedAtBothEnds() throws Exception {
        ProxyBackend b = backend(new ProxyBackend(ProxyBackend.Mode.ECHO, null));
        InetSocketAddress relay = relay(b.start(), Duration.ofMillis(300), null, Tap.NONE);
        try (Socket s = connect(relay)) {
            s.getOutputStream().write("a1 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("a1 NOOP\r\n");
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(System.nanoTime() - start).isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.SECONDS.toNanos(5));
        }
        b.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void bannedClientIsDisconnectedWithoutReachingTheMailstoreAndAdmittedAfterUnban() throws Exception {
        ProxyBackend b = backend(new ProxyBackend(ProxyBackend.Mode.ECHO, null));
        BanList bans = BanList.inMemory(Clock.systemUTC(), 10);
        ConnectionGate gate = new ConnectionGate(GateConfig.clientPortDefaults(), bans, null, Clock.systemUTC());
        gate.ban(InetAddressLiteral.parse("127.0.0.1"), Duration.ofMinutes(5), "mailstore: failed IMAP logins");
        InetSocketAddress relay = relay(b.start(), Duration.ofMinutes(1), gate, Tap.NONE);
        try (Socket s = connect(relay)) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        Thread.sleep(200);
        assertThat(b.connections.get()).isZero();
        assertThat(gate.connections(InetAddressLiteral.parse("127.0.0.1"))).isZero();

        // Once the ban is lifted the same client gets through, holding one permit while connected.
        bans.unban(InetAddressLiteral.parse("127.0.0.1"));
        try (Socket s = connect(relay)) {
            s.getOutputStream().write("a1 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("a1 NOOP\r\n");
            assertThat(gate.connections(InetAddressLiteral.parse("127.0.0.1"))).isEqualTo(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.connections(InetAddressLiteral.parse("127.0.0.1")) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gate.connections(InetAddressLiteral.parse("127.0.0.1"))).as("permit released on close").isZero();
    }
}
