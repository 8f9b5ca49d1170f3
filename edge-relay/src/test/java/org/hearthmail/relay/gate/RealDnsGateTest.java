package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.LineClient;

import org.hearthmail.interop.KnotServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.smtp.server.SmtpServer;
import org.hearthmail.smtp.server.SmtpServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS list and FCrDNS checks against a real DNS server (knotd on 127.0.0.1, free port), with SMTP
 * clients connecting from different loopback source addresses (127.0.0.0/8 is all local on Linux).
 */
class RealDnsGateTest {

    @TempDir
    static Path dir;
    static KnotServer knot;
    static ExecutorService executor;
    static DnsjavaResolver dns;
    static SmtpServer server;
    static InetSocketAddress mx;
    static final CapturingHandler handler = new CapturingHandler();
    static final ScreeningConfig SCREENING = ScreeningConfig.none()
            .withZones(List.of(new DnsListZone("bl.example.test", 2), new DnsListZone("wl.example.test", -5)), 2)
            .withFcrdns(FcrdnsMode.REQUIRED, 0);

    @BeforeAll
    static void start() throws Exception {
        KnotServer.assumeInstalled();
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("example.test", String.join("\n",
                "client A 127.0.0.2",
                "listed A 127.0.0.3",
                "liar A 127.0.0.99",
                "v6 AAAA 2001:db8::25",
                ""));
        zones.put("127.in-addr.arpa", String.join("\n",
                "2.0.0 PTR client.example.test.",
                "3.0.0 PTR listed.example.test.",
                "4.0.0 PTR liar.example.test.",
                ""));
        zones.put("8.b.d.0.1.0.0.2.ip6.arpa", "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 PTR v6.example.test.\n");
        zones.put("bl.example.test", String.join("\n",
                "3.0.0.127 A 127.0.0.2",
                "6.0.0.127 A 127.0.0.2",
                "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 A 127.0.0.4",
                ""));
        zones.put("wl.example.test", "6.0.0.127 A 127.0.0.2\n");
        knot = KnotServer.start(dir, zones);
        executor = Executors.newFixedThreadPool(2);
        dns = new DnsjavaResolver(new DnsjavaResolver.Config(knot.address(), Duration.ofSeconds(2), 2), executor);
        ConnectionGate gate = new ConnectionGate(GateConfig.mxDefaults().withPregreetDelay(Duration.ZERO).withScreening(SCREENING),
                BanList.inMemory(Clock.systemUTC(), 100), dns, Clock.systemUTC());
        server = new SmtpServer(SmtpServerConfig.builder("mx.example.test").build(), handler.factory())
                .frontHandler(gate::newSmtpHandler);
        mx = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (knot != null) {
            knot.close();
        }
    }

    @Test
    void clientWithConfirmedNameAndNoListingIsGreetedAndNamed() throws Exception {
        try (LineClient c = new LineClient(mx, "127.0.0.2")) {
            assertThat(c.reply()).startsWith("220 mx.example.test");
            assertThat(c.command("EHLO client.example.test")).startsWith("250");
            assertThat(c.command("MAIL FROM:<a@example.org>")).startsWith("250");
            assertThat(c.command("RCPT TO:<b@example.test>")).startsWith("550");
        }
        assertThat(handler.atRcpt.clientName()).isEqualTo("client.example.test");
        assertThat(handler.atRcpt.client().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void blockListedClientGets554NamingTheList() throws Exception {
        try (LineClient c = new LineClient(mx, "127.0.0.3")) {
            assertThat(c.reply()).isEqualTo("554 5.7.1 Service unavailable; client [127.0.0.3] blocked using bl.example.test");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void ptrNotConfirmedByTheForwardLookupGets554() throws Exception {
        try (LineClient c = new LineClient(mx, "127.0.0.4")) {
            assertThat(c.reply()).isEqualTo("554 5.7.1 Client host rejected: cannot find your host name, [127.0.0.4]");
        }
    }

    @Test
    void clientWithoutPtrGets554() throws Exception {
        try (LineClient c = new LineClient(mx, "127.0.0.5")) {
            assertThat(c.reply()).startsWith("554 5.7.1 Client host rejected");
        }
    }

    @Test
    void allowListOutweighsBlockListAndMissingName() throws Exception {
        try (LineClient c = new LineClient(mx, "127.0.0.6")) {
            assertThat(c.reply()).startsWith("220 ");
        }
    }

    @Test
    void ipv6ClientIsCheckedWithNibbleNamesAndAaaa() {
        ClientScreen screen = new ClientScreen(SCREENING.withZones(List.of(new DnsListZone("bl.example.test", 1)), 5), dns,
                Clock.systemUTC());
        assertThat(screen.screen(InetAddressLiteral.parse("2001:db8::25")).join()).isEqualTo(new ScreenVerdict.Pass("v6.example.test", 1));
        ClientScreen strict = new ClientScreen(SCREENING.withZones(List.of(new DnsListZone("bl.example.test", 1)), 1), dns,
                Clock.systemUTC());
        assertThat(strict.screen(InetAddressLiteral.parse("2001:db8::25")).join()).isInstanceOf(ScreenVerdict.Refuse.class);
    }
}
