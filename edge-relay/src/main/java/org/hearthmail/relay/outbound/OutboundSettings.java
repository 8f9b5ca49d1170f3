package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.hearthmail.relay.delivery.DeliveryConfig;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.RetryPolicy;
import org.hearthmail.smtp.client.TlsPolicy;

/**
 * Everything the outbound side of the relay needs.
 *
 * @param listener         the listener for the mailstore, or null for delivery only
 * @param dataDir          the relay's data directory (the queue is {@code queue/}, the suppression list {@code suppressed})
 * @param delivery         how to reach remote MX hosts
 * @param retry            back-off and give-up
 * @param limits           concurrency
 * @param mailstoreIntake  where DSNs go (the mailstore's SMTP intake through the tunnel)
 * @param mailstoreTls     TLS policy towards the intake (null for plaintext, e.g. inside the tunnel)
 * @param scanInterval     how often the scheduler looks for due work
 * @param ratePerMinute    attempts per destination domain per minute, 0 for no limit
 * @param warmupWeeklyCaps daily recipient caps for week 0, 1, ... after {@code warmupStart}; empty for none
 * @param warmupStart      first day of the warm-up (the day the relay's IP started sending)
 * @param mtaSts           honour MTA-STS policies (RFC 8461)
 * @param tlsReportAddress sender of daily TLS reports (RFC 8460), or null to send none
 */
public record OutboundSettings(OutboundConfig listener, Path dataDir, DeliveryConfig delivery, RetryPolicy retry,
                               DeliveryLimits limits, InetSocketAddress mailstoreIntake, TlsPolicy mailstoreTls,
                               Duration scanInterval, int ratePerMinute, java.util.List<Integer> warmupWeeklyCaps,
                               java.time.LocalDate warmupStart, boolean mtaSts, String tlsReportAddress) {
    public OutboundSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(mailstoreIntake, "mailstoreIntake");
        Objects.requireNonNull(scanInterval, "scanInterval");
        warmupWeeklyCaps = warmupWeeklyCaps == null ? java.util.List.of() : java.util.List.copyOf(warmupWeeklyCaps);
        if (!warmupWeeklyCaps.isEmpty()) {
            Objects.requireNonNull(warmupStart, "warmupStart (needed with warm-up caps)");
        }
        if (ratePerMinute < 0) {
            throw new IllegalArgumentException("ratePerMinute must not be negative");
        }
    }

    /** These settings with another delivery config, retry policy, limits and scan interval. */
    public OutboundSettings tuned(DeliveryConfig d, RetryPolicy r, DeliveryLimits l, Duration scan) {
        return new OutboundSettings(listener, dataDir, d, r, l, mailstoreIntake, mailstoreTls, scan, ratePerMinute,
                warmupWeeklyCaps, warmupStart, mtaSts, tlsReportAddress);
    }

    /** Defaults: 5 min doubling to 4 h, give up after 5 days, 20 attempts (2 per domain), scan every 5 s, MTA-STS on. */
    public static OutboundSettings defaults(OutboundConfig listener, Path dataDir, String heloName, InetSocketAddress mailstoreIntake) {
        return new OutboundSettings(listener, dataDir, DeliveryConfig.defaults(heloName), RetryPolicy.defaults(),
                DeliveryLimits.defaults(), mailstoreIntake, null, Duration.ofSeconds(5), 0, java.util.List.of(), null, true,
                "tlsrpt-noreply@" + heloName);
    }
}
