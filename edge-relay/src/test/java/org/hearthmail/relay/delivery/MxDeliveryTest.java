package org.hearthmail.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.dsn.DsnNotifier;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.DeliveryScheduler;
import org.hearthmail.testsupport.MutableClock;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.RecipientStatus;
import org.hearthmail.relay.queue.RetryPolicy;
import org.hearthmail.relay.queue.Route;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.relay.testing.RecordingMx;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.TlsPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole outbound path against real parts on loopback: knotd serves MX records pointing at
 * 127.0.0.x, our SMTP server is the remote MX (with STARTTLS) and another one the mailstore intake
 * that receives DSNs; the queue is on disk; only the clock is manual.
 */
class MxDeliveryTest {
    @TempDir
    static Path knotDir;
    static KnotServer knot;
    static ExecutorService dnsExecutor;

    @TempDir
    Path dir;
    RecordingMx remote;
    RecordingMx intake;
    QueueStore queue;
    SuppressionList suppression;
    MutableClock clock = new MutableClock(Instant.now());
    MxDelivery mx;
    MailstoreDelivery toMailstore;
    DeliveryScheduler scheduler;

    @BeforeAll
    static void dns() throws Exception {
        KnotServer.assumeInstalled();
        knot = KnotServer.start(knotDir, Map.of("dest.test", String.join("\n",
                "@ MX 10 mx1", "@ MX 20 mx2",          // mx1 has nothing listening: fall back to mx2
                "mx1 A 127.0.0.2", "mx2 A 127.0.0.3",
                "nullmx MX 0 .",                        // RFC 7505
                "implicit A 127.0.0.3",                 // no MX: the domain itself (RFC 5321 §5.1)
                "dual MX 10 mx6", "mx6 AAAA ::1", "mx6 A 127.0.0.3",   // IPv6 tried first, IPv4 as fallback
                "") + "\n"));
        dnsExecutor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopDns() {
        if (knot != null) {
            knot.close();
        }
        if (dnsExecutor != null) {
            dnsExecutor.shutdownNow();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        remote = new RecordingMx(new InetSocketAddress("127.0.0.3", 0), (addr, n) ->
                addr.startsWith("unknown@") ? Reply.of(550, "5.1.1", "No such user here")
                        : addr.startsWith("flaky@") && n == 1 ? Reply.of(451, "4.2.0", "Greylisted, come back later")
                        : null);
        intake = new RecordingMx(new InetSocketAddress("127.0.0.1", 0), (a, n) -> null);
        queue = QueueStore.open(dir.resolve("queue"));
        suppression = SuppressionList.open(dir.resolve("suppressed"));
        var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(knot.address()), dnsExecutor);
        DeliveryConfig cfg = DeliveryConfig.defaults("relay.example.test").withPort(remote.address().getPort()).allowingLocalAddresses();
        mx = new MxDelivery(new MxResolver(dns, new Random()), dns, cfg);
        toMailstore = new MailstoreDelivery(intake.address(), cfg, TlsPolicy.opportunistic(), null, null);
        RetryPolicy policy = RetryPolicy.defaults();
        scheduler = new DeliveryScheduler(queue, mx, toMailstore,
                new DsnNotifier(queue, "relay.example.test", clock, policy.giveUpAfter()),
                suppression, policy, DeliveryLimits.defaults(), clock);
    }

    @AfterEach
    void tearDown() {
        mx.close();
        toMailstore.close();
        remote.close();
        intake.close();
    }

    QueuedMessage enqueue(String sender, String... rcpts) {
        List<RecipientState> rs = Arrays.stream(rcpts).map(a -> RecipientState.pending(a, List.of(), null)).toList();
        return queue.enqueue(new QueuedMessage("x", sender, "env-1", null, null, false, clock.millis(), 0, false, Route.MX, rs),
                ("From: alice@home.test\r\nSubject: hello there\r\nMessage-ID: <m1@home.test>\r\n\r\nHi.\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    void runUntilIdle() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            scheduler.runDue();
            assertThat(scheduler.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }
    }

    @Test
    void deliversToTheSecondMxOverTlsWhenTheFirstRefusesConnections() throws Exception {
        QueuedMessage m = enqueue("alice@home.test", "bob@dest.test", "carol@dest.test");
        runUntilIdle();
        assertThat(remote.messages).singleElement().satisfies(r -> {
            assertThat(r.recipients()).containsExactly("bob@dest.test", "carol@dest.test");
            assertThat(r.sender()).isEqualTo("alice@home.test");
            assertThat(r.tls()).as("opportunistic STARTTLS was used").isTrue();
            assertThat(r.content()).contains("Subject: hello there");
        });
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(intake.messages).isEmpty();
    }

    @Test
    void loopbackMxAddressesAreNotUsedOutsideTests() throws Exception {
        var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(knot.address()), dnsExecutor);
        try (MxDelivery strict = new MxDelivery(new MxResolver(dns, new Random()), dns,
                DeliveryConfig.defaults("relay.example.test").withPort(remote.address().getPort()))) {
            QueuedMessage m = enqueue("alice@home.test", "bob@dest.test");
            var out = strict.deliver(new org.hearthmail.relay.queue.DeliveryRequest(m, "dest.test", m.recipients(),
                    queue.contentPath(m.id()))).join();
            assertThat(out).singleElement().isInstanceOf(org.hearthmail.relay.queue.DeliveryOutcome.Deferred.class);
            assertThat(out.get(0).reply()).contains("no usable address");
            assertThat(remote.rcptCounts).isEmpty();
        }
    }

    @Test
    void ipv6AddressIsTriedFirstAndIpv4TakesOverWhenNothingListensThere() throws Exception {
        // Nothing listens on [::1] at the MX port at first: the IPv4 address gets the message.
        enqueue("alice@home.test", "v4@dual.dest.test");
        runUntilIdle();
        assertThat(remote.messages).singleElement().satisfies(r -> assertThat(r.recipients()).containsExactly("v4@dual.dest.test"));
        try (RecordingMx v6 = new RecordingMx(new InetSocketAddress("::1", remote.address().getPort()), (a, n) -> null)) {
            enqueue("alice@home.test", "v6@dual.dest.test");
            runUntilIdle();
            assertThat(v6.messages).singleElement().satisfies(r -> assertThat(r.recipients()).containsExactly("v6@dual.dest.test"));
            assertThat(remote.messages).hasSize(1);
        }
    }

    @Test
    void domainWithoutMxIsDeliveredToItsAddress() throws Exception {
        enqueue("alice@home.test", "dave@implicit.dest.test");
        runUntilIdle();
        assertThat(remote.messages).singleElement().satisfies(r ->
                assertThat(r.recipients()).containsExactly("dave@implicit.dest.test"));
    }

    @Test
    void nullMxBouncesAtOnceWith556AndTheSenderGetsADsn() throws Exception {
        QueuedMessage m = enqueue("alice@home.test", "erin@nullmx.dest.test");
        runUntilIdle();
        assertThat(remote.rcptCounts).isEmpty();
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(intake.messages).singleElement().satisfies(d -> {
            assertThat(d.sender()).as("DSNs come from the null sender").isEmpty();
            assertThat(d.recipients()).containsExactly("alice@home.test");
            assertThat(d.content()).contains("Content-Type: multipart/report; report-type=delivery-status",
                    "Final-Recipient: rfc822; erin@nullmx.dest.test", "Action: failed", "Status: 5.1.10",
                    "Diagnostic-Code: smtp; 556 5.1.10", "Original-Envelope-Id: env-1", "Subject: hello there");
        });
    }

    @Test
    void temporaryRefusalIsRetriedAfterTheBackOffAndThenDelivered() throws Exception {
        QueuedMessage m = enqueue("alice@home.test", "flaky@dest.test");
        runUntilIdle();
        RecipientState r = queue.find(m.id()).orElseThrow().recipients().get(0);
        assertThat(r.status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(r.lastReply()).isEqualTo("451 4.2.0 Greylisted, come back later");
        assertThat(remote.messages).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        runUntilIdle();
        assertThat(remote.messages).singleElement().satisfies(x -> assertThat(x.recipients()).containsExactly("flaky@dest.test"));
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(intake.messages).isEmpty();
    }

    @Test
    void permanentRefusalBouncesWithTheRemoteReplyQuotedAndSuppressesTheAddress() throws Exception {
        enqueue("alice@home.test", "unknown@dest.test", "bob@dest.test");
        runUntilIdle();
        assertThat(remote.messages).singleElement().satisfies(x -> assertThat(x.recipients()).containsExactly("bob@dest.test"));
        assertThat(intake.messages).singleElement().satisfies(d -> {
            assertThat(d.content()).contains("<unknown@dest.test>: host mx2.dest.test [127.0.0.3] said:",
                    "550 5.1.1 No such user here", "Status: 5.1.1", "Remote-MTA: dns; mx2.dest.test",
                    "Diagnostic-Code: smtp; 550 5.1.1 No such user here");
            assertThat(d.content()).doesNotContain("bob@dest.test");
        });
        assertThat(suppression.contains("unknown@dest.test")).isTrue();
        assertThat(queue.list()).isEmpty();
    }
}
