package org.hearthmail.relay.delivery.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
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
import org.hearthmail.relay.testing.RecordingMx;
import org.hearthmail.smtp.client.TlsPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DANE end to end: knotd signs dane.test (automatic DNSSEC keys), its DNSKEYs are the validator's
 * trust anchor, TLSA records name our SMTP server's key; plain.test is unsigned.
 */
class DaneDeliveryTest {
    @TempDir
    static Path dir;
    static KnotServer knot;
    static RecordingMx remote;
    static ExecutorService dnsExecutor;
    static MxDelivery delivery;
    static QueueStore queue;

    @BeforeAll
    static void start() throws Exception {
        KnotServer.assumeInstalled();
        remote = new RecordingMx(new InetSocketAddress("127.0.0.3", 0), "mx.dane.test", (a, n) -> null);
        int port = remote.address().getPort();
        String spki = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(remote.certificate().getPublicKey().getEncoded()));
        String tlsa = "._tcp.%s TLSA 3 1 1 %s";
        knot = KnotServer.start(dir.resolve("knot"), Map.of(
                "dane.test", String.join("\n",
                        "@ MX 10 mx", "mx A 127.0.0.3", "_" + port + String.format(tlsa, "mx", spki),
                        "wrongkey MX 10 mx2", "mx2 A 127.0.0.3", "_" + port + String.format(tlsa, "mx2", "00".repeat(32)),
                        "") + "\n",
                "plain.test", String.join("\n",
                        "@ MX 10 mx", "mx A 127.0.0.3", "_" + port + String.format(tlsa, "mx", "00".repeat(32)), "") + "\n"),
                Set.of("dane.test"));
        dnsExecutor = Executors.newFixedThreadPool(2);
        var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(knot.address()), dnsExecutor);
        DaneLookup dane = new DaneLookup(knot.address(), trustAnchors(), Duration.ofSeconds(5));
        delivery = new MxDelivery(new MxResolver(dns, new Random()), dns,
                DeliveryConfig.defaults("relay.example.test").withPort(port).allowingLocalAddresses(), null, TlsPolicy::pkix, dane);
        queue = QueueStore.open(dir.resolve("queue"));
    }

    /** The signed zone's DNSKEY records in zone-file form. */
    static String trustAnchors() throws Exception {
        SimpleResolver r = new SimpleResolver(knot.address());
        Message resp = r.send(Message.newQuery(Record.newRecord(Name.fromString("dane.test."), Type.DNSKEY, DClass.IN)));
        String anchors = resp.getSection(Section.ANSWER).stream().filter(x -> x.getType() == Type.DNSKEY)
                .map(Record::toString).collect(Collectors.joining("\n"));
        assertThat(anchors).as("knotd signed the zone").contains("DNSKEY");
        return anchors + "\n";
    }

    @AfterAll
    static void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (knot != null) {
            knot.close();
        }
        if (dnsExecutor != null) {
            dnsExecutor.shutdownNow();
        }
    }

    static DeliveryOutcome deliver(String rcpt) {
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        QueuedMessage m = queue.enqueue(new QueuedMessage("x", "a@home.test", null, null, null, false, System.currentTimeMillis(),
                0, false, Route.MX, List.of(RecipientState.pending(rcpt, List.of(), null))),
                "Subject: dane\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
        return delivery.deliver(new DeliveryRequest(m, domain, m.recipients(), queue.contentPath(m.id()))).join().get(0);
    }

    @Test
    void validatedTlsaMatchingTheServerKeyDeliversOverTls() {
        assertThat(deliver("bob@dane.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(remote.messages).anySatisfy(m -> {
            assertThat(m.recipients()).containsExactly("bob@dane.test");
            assertThat(m.tls()).isTrue();
        });
    }

    @Test
    void validatedTlsaNotMatchingDefersAndNeverFallsBackToPlaintext() {
        DeliveryOutcome o = deliver("carol@wrongkey.dane.test");
        assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
        assertThat(o.reply()).startsWith("451 4.7.5 DANE:");
        assertThat(remote.rcptCounts).doesNotContainKey("carol@wrongkey.dane.test");
    }

    @Test
    void unsignedTlsaRecordsAreIgnored() {
        // plain.test's TLSA record would not match, but without DNSSEC it must not be used (RFC 7672 §2.2).
        assertThat(deliver("dave@plain.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
}
