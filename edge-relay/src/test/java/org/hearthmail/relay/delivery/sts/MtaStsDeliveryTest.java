package org.hearthmail.relay.delivery.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.delivery.DeliveryConfig;
import org.hearthmail.relay.delivery.MxDelivery;
import org.hearthmail.relay.delivery.MxResolver;
import org.hearthmail.relay.queue.DeliveryOutcome;
import org.hearthmail.relay.queue.DeliveryRequest;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.Route;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.relay.testing.LoopbackHttps;
import org.hearthmail.relay.testing.RecordingMx;
import org.hearthmail.smtp.client.TlsPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS end to end: the TXT record from knotd, the policy from an HTTPS server on loopback, and
 * delivery to our SMTP server whose certificate names mx.sts.test.
 */
class MtaStsDeliveryTest {
    @TempDir
    static Path dir;
    static KnotServer knot;
    static LoopbackHttps https;
    static RecordingMx remote;
    static ExecutorService dnsExecutor;
    static MxDelivery delivery;
    static QueueStore queue;

    static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx.sts.test\nmx: *.wild.sts.test\nmax_age: 86400\n";

    @BeforeAll
    static void start() throws Exception {
        KnotServer.assumeInstalled();
        String txt = "TXT \"v=STSv1; id=1;\"";
        knot = KnotServer.start(dir.resolve("knot"), Map.of("sts.test", String.join("\n",
                "@ MX 10 mx", "mx A 127.0.0.3", "_mta-sts " + txt,
                "notlisted MX 10 evil", "evil A 127.0.0.3", "_mta-sts.notlisted " + txt,
                "wrongcert MX 10 a.wild", "a.wild A 127.0.0.3", "_mta-sts.wrongcert " + txt,
                "testing MX 10 evil", "_mta-sts.testing " + txt,
                "") + "\n"));
        https = new LoopbackHttps();
        for (String d : List.of("sts.test", "notlisted.sts.test", "wrongcert.sts.test")) {
            https.pages.put("/" + d + "/.well-known/mta-sts.txt", new String[] {"text/plain", ENFORCE});
        }
        https.pages.put("/testing.sts.test/.well-known/mta-sts.txt",
                new String[] {"text/plain; charset=utf-8", ENFORCE.replace("enforce", "testing")});
        remote = new RecordingMx(new InetSocketAddress("127.0.0.3", 0), "mx.sts.test", (a, n) -> null);
        dnsExecutor = Executors.newFixedThreadPool(2);
        var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(knot.address()), dnsExecutor);
        HttpClient http = HttpClient.newBuilder().sslContext(https.clientContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        MtaStsFetcher fetcher = new MtaStsFetcher(http,
                d -> URI.create("https://127.0.0.1:" + https.port() + "/" + d + "/.well-known/mta-sts.txt"), Duration.ofSeconds(10));
        MtaStsPolicies policies = new MtaStsPolicies(dns, fetcher, Clock.systemUTC());
        delivery = new MxDelivery(new MxResolver(dns, new Random()), dns,
                DeliveryConfig.defaults("relay.example.test").withPort(remote.address().getPort()).allowingLocalAddresses(), policies,
                host -> TlsPolicy.pkix(List.of(remote.certificate()), host));
        queue = QueueStore.open(dir.resolve("queue"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {delivery, remote, https, knot}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (dnsExecutor != null) {
            dnsExecutor.shutdownNow();
        }
    }

    static DeliveryOutcome deliver(String rcpt) {
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        QueuedMessage m = queue.enqueue(new QueuedMessage("x", "a@home.test", null, null, null, false, System.currentTimeMillis(),
                0, false, Route.MX, List.of(RecipientState.pending(rcpt, List.of(), null))),
                "Subject: sts\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
        return delivery.deliver(new DeliveryRequest(m, domain, m.recipients(), queue.contentPath(m.id()))).join().get(0);
    }

    @Test
    void enforcedPolicyDeliversOverValidatedTlsToAListedMx() {
        int before = remote.messages.size();
        assertThat(deliver("bob@sts.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(remote.messages).hasSize(before + 1);
        assertThat(remote.messages.get(before).tls()).isTrue();
    }

    @Test
    void enforcedPolicyDefersInsteadOfUsingAnUnlistedMx() {
        int before = remote.rcptCounts.size();
        DeliveryOutcome o = deliver("bob@notlisted.sts.test");
        assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(o.reply()).startsWith("451 4.7.5").contains("does not allow MX host evil.sts.test");
        assertThat(remote.rcptCounts).hasSize(before);
    }

    @Test
    void enforcedPolicyDefersWhenTheCertificateDoesNotNameTheMxAndNeverFallsBackToPlaintext() {
        DeliveryOutcome o = deliver("carol@wrongcert.sts.test");
        assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(o.reply()).startsWith("451 4.7.5").contains("MTA-STS");
        assertThat(remote.rcptCounts).doesNotContainKey("carol@wrongcert.sts.test");
    }

    @Test
    void sessionsUnderAnEnforcedPolicyAreCountedForTlsReports() {
        var collector = new org.hearthmail.relay.delivery.tlsrpt.TlsReportCollector();
        delivery.reportTo(collector);
        try {
            deliver("erin@sts.test");
            deliver("frank@notlisted.sts.test");
        } finally {
            delivery.reportTo(null);
        }
        var counts = collector.drain();
        assertThat(counts).hasSize(2);
        counts.forEach((key, c) -> {
            assertThat(key.type().json).isEqualTo("sts");
            assertThat(key.policyStrings()).contains("mode: enforce", "mx: mx.sts.test");
            if (key.domain().equals("sts.test")) {
                assertThat(c.success()).isEqualTo(1);
                assertThat(c.failureTotal()).isZero();
            } else {
                assertThat(key.domain()).isEqualTo("notlisted.sts.test");
                assertThat(c.failures()).containsEntry(
                        new org.hearthmail.relay.delivery.tlsrpt.TlsReportCollector.Failure("validation-failure", "evil.sts.test", null), 1L);
            }
        });
    }

    @Test
    void testingPolicyOnlyReportsAndDeliversAnyway() {
        assertThat(deliver("dave@testing.sts.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
}
