package org.hearthmail.tunnel.health;

import java.time.Duration;
import java.util.Objects;

/**
 * When silence from a peer turns it STALE and then DOWN.
 *
 * <p>WireGuard whitepaper §6.1 (timers): a session is rekeyed once it is REKEY_AFTER_TIME (120 s)
 * old, and its keys are rejected once REJECT_AFTER_TIME (180 s) old. A healthy peer that sends
 * keepalives therefore re-handshakes within 120 s plus one keepalive interval (the usual 25 s)
 * plus REKEY_TIMEOUT (5 s): 150 s. Silence longer than that means rekeying is failing (STALE);
 * silence of REJECT_AFTER_TIME means the old keys are dead (DOWN). Thresholds must exceed the
 * peers' keepalive interval, or a quiet but healthy tunnel looks stale.
 */
public record HealthThresholds(Duration staleAfter, Duration downAfter) {
    public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);
    public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);
    public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(25);

    /** 150 s / 180 s, from WireGuard's own timers. */
    public static final HealthThresholds WIREGUARD_DEFAULTS = new HealthThresholds(
            REKEY_AFTER_TIME.plus(DEFAULT_KEEPALIVE).plus(REKEY_TIMEOUT), REJECT_AFTER_TIME);

    public HealthThresholds {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(downAfter, "downAfter");
        if (staleAfter.isNegative() || staleAfter.isZero() || downAfter.compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException("need 0 < staleAfter < downAfter, got " + staleAfter + " / " + downAfter);
        }
    }
}
