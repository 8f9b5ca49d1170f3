package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private final MutableClock clock = new MutableClock();

    private static InetAddress ip(String s) {
        return InetAddressLiteral.parse(s);
    }

    @Test
    void concurrencyPerAddressIsLimitedAndClosingAPermitFreesASlot() {
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(2, 10, 600, 100, 100), clock);
        ConnectionLimiter.Result a = l.acquire(ip("192.0.2.1"));
        ConnectionLimiter.Result b = l.acquire(ip("192.0.2.1"));
        assertThat(a.admitted()).isTrue();
        assertThat(b.admitted()).isTrue();
        assertThat(l.acquire(ip("192.0.2.1")).exceeded()).isEqualTo(ConnectionLimiter.Exceeded.ADDRESS_CONCURRENCY);
        assertThat(l.acquire(ip("192.0.2.2")).admitted()).as("another address is not affected").isTrue();
        a.permit().close();
        a.permit().close(); // a second close must not free a second slot
        assertThat(l.connections(ip("192.0.2.1"))).isEqualTo(1);
        assertThat(l.acquire(ip("192.0.2.1")).admitted()).isTrue();
        assertThat(l.acquire(ip("192.0.2.1")).admitted()).isFalse();
    }

    @Test
    void concurrencyPerIpv4Slash24CountsAllItsAddresses() {
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(2, 3, 600, 100, 100), clock);
        assertThat(l.acquire(ip("198.51.100.1")).admitted()).isTrue();
        assertThat(l.acquire(ip("198.51.100.2")).admitted()).isTrue();
        assertThat(l.acquire(ip("198.51.100.3")).admitted()).isTrue();
        assertThat(l.acquire(ip("198.51.100.4")).exceeded()).isEqualTo(ConnectionLimiter.Exceeded.NETWORK_CONCURRENCY);
        assertThat(l.acquire(ip("198.51.101.4")).admitted()).as("the next /24").isTrue();
    }

    @Test
    void concurrencyPerIpv6Slash64CountsAllItsAddresses() {
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(1, 2, 600, 100, 100), clock);
        assertThat(l.acquire(ip("2001:db8:1:2::1")).admitted()).isTrue();
        assertThat(l.acquire(ip("2001:db8:1:2:ffff::9")).admitted()).isTrue();
        assertThat(l.acquire(ip("2001:db8:1:2::3")).exceeded()).isEqualTo(ConnectionLimiter.Exceeded.NETWORK_CONCURRENCY);
        assertThat(l.acquire(ip("2001:db8:1:3::1")).admitted()).as("the next /64").isTrue();
    }

    @Test
    void ipv4MappedAddressCountsAsTheIpv4Address() {
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(1, 5, 600, 100, 100), clock);
        assertThat(l.acquire(ip("192.0.2.7")).admitted()).isTrue();
        assertThat(l.acquire(ip("::ffff:192.0.2.7")).exceeded()).isEqualTo(ConnectionLimiter.Exceeded.ADDRESS_CONCURRENCY);
    }

    @Test
    void rateLimitAllowsTheBurstThenRefillsWithTime() {
        // 60 per minute = one a second, burst 3.
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(100, 100, 60, 3, 100), clock);
        List<ConnectionLimiter.Result> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(l.acquire(ip("203.0.113.5")));
            results.get(i).permit().close();
        }
        assertThat(results).allMatch(ConnectionLimiter.Result::admitted);
        assertThat(l.acquire(ip("203.0.113.5")).exceeded()).isEqualTo(ConnectionLimiter.Exceeded.RATE);
        clock.advance(Duration.ofMillis(999));
        assertThat(l.acquire(ip("203.0.113.5")).admitted()).isFalse();
        clock.advance(Duration.ofMillis(2));
        assertThat(l.acquire(ip("203.0.113.5")).admitted()).isTrue();
        assertThat(l.acquire(ip("203.0.113.5")).admitted()).isFalse();
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(l.acquire(ip("203.0.113.5")).admitted()).as("refilled only up to the burst").isTrue();
        }
        assertThat(l.acquire(ip("203.0.113.5")).admitted()).isFalse();
    }

    @Test
    void rateStateIsBoundedToMaxTrackedAddresses() {
        ConnectionLimiter l = new ConnectionLimiter(new ConnectionLimits(100, 100, 60, 2, 50), clock);
        for (int i = 0; i < 200; i++) {
            l.acquire(ip("198.51.100." + i)).permit().close();
        }
        assertThat(l.trackedBuckets()).isLessThanOrEqualTo(50);
        assertThat(l.connections(ip("198.51.100.1"))).isZero();
    }
}
