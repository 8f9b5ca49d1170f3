package org.hearthmail.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.delivery.DeliveryConfig;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.RetryPolicy;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.relay.testing.RecordingMx;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.TlsPolicy;
import org.hearthmail.smtp.client.TransactionResult;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled outbound side: the mailstore hands mail to the listener (STARTTLS + AUTH), the
 * scheduler delivers it to the remote MX found through knotd, and a null-MX recipient's DSN reaches
 * the mailstore intake.
 */
class OutboundServiceTest {
    @TempDir
    Path dir;

    @Test
    void mailHandedOffIsDeliveredToTheRemoteMxAndNullMxBouncesToTheMailstore() throws Exception {
        KnotServer.assumeInstalled();
        ExecutorService dnsExecutor = Executors.newFixedThreadPool(2);
        try (RecordingMx remote = new RecordingMx(new InetSocketAddress("127.0.0.3", 0), (a, n) -> null);
             RecordingMx intake = new RecordingMx(new InetSocketAddress("127.0.0.1", 0), (a, n) -> null);
             KnotServer knot = KnotServer.start(dir.resolve("knot"),
                     Map.of("far.test", "@ MX 5 mx\nmx A 127.0.0.3\nvoid MX 0 .\n"))) {
            var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(knot.address()), dnsExecutor);
            var tls = TlsContexts.server(SelfSignedCertificates.create("relay.example.test", Duration.ofDays(1)));
            OutboundConfig listener = new OutboundConfig(new InetSocketAddress("127.0.0.1", 0), "relay.example.test", tls,
                    OutboundFixture.RELAY, OutboundFixture.SECRET.getBytes(StandardCharsets.UTF_8), 1 << 20, 100);
            OutboundSettings settings = new OutboundSettings(listener, dir.resolve("data"),
                    DeliveryConfig.defaults("relay.example.test").withPort(remote.address().getPort()).allowingLocalAddresses(),
                    RetryPolicy.defaults(), DeliveryLimits.defaults(), intake.address(), TlsPolicy.opportunistic(),
                    Duration.ofMillis(100), 0, List.of(), null, false, null);
            try (OutboundService service = OutboundService.start(settings, dns, Clock.systemUTC())) {
                InetSocketAddress addr = service.listenerAddress().orElseThrow();
                try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
                    TransactionResult r = OutboundFixture.send(c, "alice@home.test", OutboundFixture.message("to-far"),
                            "bob@far.test", "nobody@void.far.test");
                    assertThat(r.message().orElseThrow().code()).isEqualTo(250);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((remote.messages.isEmpty() || intake.messages.isEmpty() || !service.queue().list().isEmpty())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(remote.messages).singleElement().satisfies(m -> {
                assertThat(m.recipients()).containsExactly("bob@far.test");
                assertThat(m.content()).contains("Received: from mailstore.example.test", "Subject: to-far");
            });
            assertThat(intake.messages).singleElement().satisfies(d -> {
                assertThat(d.sender()).isEmpty();
                assertThat(d.recipients()).containsExactly("alice@home.test");
                assertThat(d.content()).contains("Final-Recipient: rfc822; nobody@void.far.test", "Status: 5.1.10");
            });
        } finally {
            dnsExecutor.shutdownNow();
        }
    }
}
