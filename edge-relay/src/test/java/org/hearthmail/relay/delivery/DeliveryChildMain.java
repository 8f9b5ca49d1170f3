package org.hearthmail.relay.delivery;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.outbound.OutboundService;
import org.hearthmail.relay.outbound.OutboundSettings;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.RetryPolicy;

/** A separate JVM for the delivery crash test: runs the outbound service (no listener) until killed. */
public final class DeliveryChildMain {
    private DeliveryChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int dnsPort = Integer.parseInt(args[1]);
        int mxPort = Integer.parseInt(args[2]);
        var dns = new DnsjavaResolver(DnsjavaResolver.Config.of(new InetSocketAddress("127.0.0.1", dnsPort)),
                Executors.newFixedThreadPool(2));
        OutboundSettings s = new OutboundSettings(null, dataDir,
                DeliveryConfig.defaults("relay.example.test").withPort(mxPort).allowingLocalAddresses(),
                new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofDays(5), Duration.ofDays(1)),
                new DeliveryLimits(20, 4), new InetSocketAddress("127.0.0.1", 9), null, Duration.ofMillis(100),
                0, java.util.List.of(), null, false, null);
        OutboundService.start(s, dns, Clock.systemUTC());
        Thread.sleep(120_000); // killed by the test long before; bounded in case it is not
        System.exit(3);
    }
}
