package org.hearthmail.mailstore.auth;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    // account: 2 free, then 1s, 2s, 4s...; ban at 5 for 10 min. ip: 3 free, ban at 8 for 1 h.
    private final ThrottlePolicy account = new ThrottlePolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(10), Duration.ofHours(1));
    private final ThrottlePolicy ip = new ThrottlePolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 8,
            Duration.ofHours(1), Duration.ofHours(1));
    private final LoginThrottle throttle = new LoginThrottle(account, ip, clock, 1000);
    private final InetAddress a = InetAddress.getLoopbackAddress();
    private final InetAddress b = ip("192.0.2.7");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void firstFailuresAreFreeThenDelaysDouble() {
        throttle.recordFailure("u@x.test", a);
        throttle.recordFailure("u@x.test", a);
        assertThat(throttle.check("u@x.test", a)).isEmpty();
        throttle.recordFailure("u@x.test", a);
        assertThat(throttle.check("u@x.test", a)).hasValueSatisfying(bl -> {
            assertThat(bl.scope()).isEqualTo(Block.Scope.ACCOUNT);
            assertThat(bl.banned()).isFalse();
            assertThat(bl.until()).isEqualTo(clock.instant().plusSeconds(1));
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("u@x.test", a)).isEmpty();
        throttle.recordFailure("u@x.test", a);
        assertThat(throttle.check("u@x.test", a)).hasValueSatisfying(bl ->
                assertThat(bl.until()).isEqualTo(clock.instant().plusSeconds(2)));
    }

    @Test
    void accountIsBannedTemporarilyFromEverySource() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("u@x.test", i % 2 == 0 ? a : b);
        }
        assertThat(throttle.check("u@x.test", ip("198.51.100.1"))).hasValueSatisfying(bl -> {
            assertThat(bl.banned()).isTrue();
            assertThat(bl.scope()).isEqualTo(Block.Scope.ACCOUNT);
        });
        assertThat(throttle.check("other@x.test", ip("198.51.100.1"))).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("u@x.test", a)).isEmpty();
    }

    @Test
    void sourceIpGuessingManyAccountsIsBanned() {
        for (int i = 0; i < 8; i++) {
            throttle.recordFailure("user" + i + "@x.test", b);
        }
        assertThat(throttle.isBanned(b)).isTrue();
        assertThat(throttle.isBanned(a)).isFalse();
        assertThat(throttle.check("fresh@x.test", b)).hasValueSatisfying(bl -> {
            assertThat(bl.scope()).isEqualTo(Block.Scope.SOURCE_IP);
            assertThat(bl.banned()).isTrue();
        });
        clock.advance(Duration.ofMinutes(59));
        assertThat(throttle.isBanned(b)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.isBanned(b)).isFalse();
    }

    @Test
    void successForgivesTheAccountButNotTheSourceIp() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("u@x.test", b);
        }
        throttle.recordSuccess("u@x.test", b);
        assertThat(throttle.check("u@x.test", a)).isEmpty();
        assertThat(throttle.check("u@x.test", b)).hasValueSatisfying(bl ->
                assertThat(bl.scope()).isEqualTo(Block.Scope.SOURCE_IP));
    }

    @Test
    void oldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("u@x.test", a);
        }
        clock.advance(Duration.ofHours(1));
        throttle.recordFailure("u@x.test", a);
        assertThat(throttle.check("u@x.test", a)).isEmpty();
    }

    @Test
    void accountNamesAreCaseInsensitive() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure(i % 2 == 0 ? "U@X.test" : "u@x.test", a);
        }
        assertThat(throttle.check("u@x.TEST", a)).hasValueSatisfying(bl -> assertThat(bl.banned()).isTrue());
    }

    @Test
    void stateStaysBoundedUnderAFloodOfKeys() {
        LoginThrottle small = new LoginThrottle(account, ip, clock, 50);
        for (int i = 0; i < 500; i++) {
            small.recordFailure("user" + i + "@x.test", ip("203.0.113." + (i % 250)));
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(50);
    }

    @Test
    void delayIsCappedAtTheMaximum() {
        assertThat(LoginThrottle.delay(account, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.delay(account, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(LoginThrottle.delay(account, 40)).isEqualTo(Duration.ofSeconds(30));
    }
}
