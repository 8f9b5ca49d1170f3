package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate in front of a real SMTP listener on loopback. */
class SmtpGateSocketTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final CapturingHandler handler = new CapturingHandler();
    private final FakeResolver dns = new FakeResolver();
    private final BanList bans = BanList.inMemory(Clock.systemUTC(), 1000);

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ConnectionGate gate(GateConfig config) {
        return new ConnectionGate(config, bans, dns, Clock.systemUTC());
    }

    private static GateConfig config() {
        return GateConfig.mxDefaults().withPregreetDelay(Duration.ZERO);
    }

    private InetSocketAddress smtp(ConnectionGate gate, SmtpServerConfig smtpConfig) throws InterruptedException {
        SmtpServer server = new SmtpServer(smtpConfig, handler.factory()).frontHandler(gate::newSmtpHandler);
        open.add(server);
        return server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    private InetSocketAddress smtp(ConnectionGate gate) throws InterruptedException {
        return smtp(gate, SmtpServerConfig.builder("mx.example.test").build());
    }

    @Test
    void clientTalkingBeforeTheGreetingGets554AndIsBanned() throws Exception {
        InetSocketAddress mx = smtp(gate(config().withPregreetDelay(Duration.ofMillis(500))));
        try (LineClient c = new LineClient(mx)) {
            c.send("EHLO bot.example\r\n");
            assertThat(c.reply()).startsWith("554 5.7.1 ").contains("before the greeting");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(handler.connected).as("the SMTP session never started").isNull();
        try (LineClient c = new LineClient(mx)) {
            assertThat(c.reply()).startsWith("554 5.7.1 Access denied: [127.0.0.1] is banned (early talker)");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void patientClientIsGreetedAfterThePregreetDelay() throws Exception {
        InetSocketAddress mx = smtp(gate(config().withPregreetDelay(Duration.ofMillis(400))));
        long start = System.nanoTime();
        try (LineClient c = new LineClient(mx)) {
            assertThat(c.reply()).startsWith("220 mx.example.test");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(350));
            assertThat(c.command("EHLO good.example.test")).startsWith("250");
        }
        assertThat(bans.size()).isZero();
    }

    @Test
    void dnsListedClientIsRefusedInsteadOfGreeted() throws Exception {
        dns.a("1.0.0.127.bl.example.test", "127.0.0.2");
        ScreeningConfig screening = ScreeningConfig.none().withZones(List.of(new DnsListZone("bl.example.test", 1)), 1);
        InetSocketAddress mx = smtp(gate(config().withScreening(screening)));
        try (LineClient c = new LineClient(mx)) {
            assertThat(c.reply()).isEqualTo("554 5.7.1 Service unavailable; client [127.0.0.1] blocked using bl.example.test");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(handler.connected).isNull();
    }

    @Test
    void secondConnectionBeyondThePerAddressLimitGets421() throws Exception {
        InetSocketAddress mx = smtp(gate(config().withLimits(new ConnectionLimits(1, 5, 600, 100, 100))));
        try (LineClient first = new LineClient(mx)) {
            assertThat(first.reply()).startsWith("220 ");
            try (LineClient second = new LineClient(mx)) {
                assertThat(second.reply()).startsWith("421 4.7.0 Too many concurrent connections from [127.0.0.1]");
                assertThat(second.closedByServer()).isTrue();
            }
        }
        // The first connection's permit is released when it closes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && bans.size() == 0) {
            try (LineClient again = new LineClient(mx)) {
                if (again.reply().startsWith("220 ")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the slot was not freed after the first connection closed");
    }

    @Test
    void disconnectForTooManyErrorsCountsAsAbuse() throws Exception {
        ConnectionGate gate = gate(config().withAbuse(1, Duration.ofMinutes(10), Duration.ofMinutes(5)));
        InetSocketAddress mx = smtp(gate, SmtpServerConfig.builder("mx.example.test").maxErrors(2).build());
        try (LineClient c = new LineClient(mx)) {
            c.reply();
            assertThat(c.command("FOO")).startsWith("500");
            assertThat(c.command("BAR")).startsWith("421 Too many errors");
        }
        assertThat(bans.find(InetAddressLiteral.parse("127.0.0.1")))
                .hasValueSatisfying(b -> assertThat(b.reason()).contains("protocol errors"));
    }

    @Test
    void verifiedClientNameReachesTheMailstoreAsXclientName() throws Exception {
        // The "mailstore": our SMTP server trusting XCLIENT from loopback.
        SmtpServer mailstore = new SmtpServer(SmtpServerConfig.builder("store.example.test")
                .xclientTrusted(a -> a.isLoopbackAddress()).build(), handler.factory());
        open.add(mailstore);
        InetSocketAddress intake = mailstore.start(new InetSocketAddress("127.0.0.1", 0));
        dns.ptr("127.0.0.1", "client.example.test");
        dns.a("client.example.test", "127.0.0.1");
        ConnectionGate gate = gate(config().withScreening(ScreeningConfig.none().withFcrdns(FcrdnsMode.REQUIRED, 0)));
        java.util.concurrent.ExecutorService work = java.util.concurrent.Executors.newFixedThreadPool(2);
        open.add(work::shutdownNow);
        // Sender checks only record (policy "tag"): this test is about the gate's verified name.
        org.hearthmail.relay.forward.InboundChecks checks = new org.hearthmail.relay.forward.InboundChecks(
                new org.hearthmail.relay.checks.SenderChecks(dns, work, "mx.example.test",
                        org.hearthmail.relay.checks.AuthPolicy.TAG, "mx.example.test", Clock.systemUTC()),
                org.hearthmail.relay.buffer.TempDirectory.prepare(java.nio.file.Files.createTempDirectory("gate-relay-tmp")), work);
        InboundServer relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"), intake, 1 << 20),
                new InetSocketAddress("127.0.0.1", 0), null, checks, gate);
        open.add(relay);
        InetSocketAddress mx = relay.start();
        try (LineClient c = new LineClient(mx)) {
            assertThat(c.reply()).startsWith("220 mx.example.test");
            assertThat(c.command("EHLO client.example.test")).startsWith("250");
            assertThat(c.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(c.command("RCPT TO:<bob@example.test>")).startsWith("550");
        }
        assertThat(handler.atRcpt.clientName()).isEqualTo("client.example.test");
        assertThat(handler.atRcpt.forwarded()).isTrue();
    }
}
