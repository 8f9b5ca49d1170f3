package org.hearthmail.relay.gate;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * Counts abuse signals per address in a sliding window and bans an address that reaches the
 * threshold. Bounded: at most {@code maxTracked} addresses (least recently reported first out),
 * each with at most {@code threshold} timestamps. Thread-safe.
 */
final class AbuseTracker {

    private final BanList bans;
    private final Clock clock;
    private final int threshold;
    private final Duration window;
    private final Duration banFor;
    private final Map<InetAddress, ArrayDeque<Instant>> seen;

    AbuseTracker(BanList bans, Clock clock, int threshold, Duration window, Duration banFor, int maxTracked) {
        this.bans = bans;
        this.clock = clock;
        this.threshold = threshold;
        this.window = window;
        this.banFor = banFor;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, ArrayDeque<Instant>> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** Records one signal; returns true when it led to a ban. */
    boolean report(InetAddress client, AbuseSignal signal) {
        InetAddress address = InetAddressLiteral.unmap(client);
        boolean ban;
        int count;
        synchronized (this) {
            Instant now = clock.instant();
            ArrayDeque<Instant> times = seen.computeIfAbsent(address, k -> new ArrayDeque<>());
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            times.addLast(now);
            while (times.size() > threshold) {
                times.pollFirst();
            }
            count = times.size();
            ban = signal.immediate() || count >= threshold;
            if (ban) {
                seen.remove(address);
            }
        }
        if (ban) {
            String why = signal.immediate() ? signal.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    : count + " abuse signals, last " + signal.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            bans.ban(address, banFor, why);
        }
        return ban;
    }
}
