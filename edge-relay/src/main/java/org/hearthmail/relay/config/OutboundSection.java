package org.hearthmail.relay.config;

import java.time.Duration;
import org.hearthmail.config.TomlTable;

/** The delivery keys of {@code [outbound]}: back-off, scan interval, concurrency, and the test-bed MX port. */
final class OutboundSection {

    private OutboundSection() {
    }

    static RelayConfig.OutboundDelivery delivery(TomlTable t) {
        RelayConfig.OutboundDelivery d = RelayConfig.OutboundDelivery.DEFAULT;
        Duration initial = within(t, "retry_initial", d.retryInitial(), Duration.ofMillis(100), Duration.ofDays(1));
        Duration max = within(t, "retry_max", d.retryMax(), Duration.ofMillis(100), Duration.ofDays(7));
        if (max.compareTo(initial) < 0) {
            throw t.error("retry_max", "must not be shorter than retry_initial");
        }
        // RFC 5321 §4.5.4.1: "the give-up time generally needs to be at least 4-5 days"; shorter is allowed, not advised.
        Duration giveUp = within(t, "give_up_after", d.giveUpAfter(), Duration.ofMinutes(1), Duration.ofDays(30));
        Duration scan = within(t, "scan_interval", d.scanInterval(), Duration.ofMillis(50), Duration.ofMinutes(1));
        int concurrency = (int) count(t, "concurrency", d.concurrency(), 1, 1000);
        int perDestination = (int) count(t, "destination_concurrency", d.destinationConcurrency(), 1, 1000);
        if (perDestination > concurrency) {
            throw t.error("destination_concurrency", "must not exceed concurrency (" + concurrency + ")");
        }
        int port = (int) count(t, "mx_port", d.mxPort(), 1, 65535);
        boolean local = t.bool("allow_local_mx").orElse(d.allowLocalMx());
        return new RelayConfig.OutboundDelivery(initial, max, giveUp, scan, concurrency, perDestination, port, local);
    }

    private static Duration within(TomlTable t, String key, Duration dflt, Duration min, Duration max) {
        Duration v = t.string(key).map(s -> EdgeSections.duration(t, key, s)).orElse(dflt);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw t.error(key, v.toMillis() + " ms is out of range (" + min.toMillis() + " ms to " + max.toMillis() + " ms)");
        }
        return v;
    }

    private static long count(TomlTable t, String key, long dflt, long min, long max) {
        long v = t.integer(key).orElse(dflt);
        if (v < min || v > max) {
            throw t.error(key, v + " is out of range (" + min + " to " + max + ")");
        }
        return v;
    }
}
