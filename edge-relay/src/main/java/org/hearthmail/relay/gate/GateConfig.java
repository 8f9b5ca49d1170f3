package org.hearthmail.relay.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * One gate's settings: limits for every listener it guards, plus the checks that only port 25 runs.
 *
 * @param limits          concurrency and rate per address and network
 * @param screening       DNS list and FCrDNS checks (port 25 only)
 * @param pregreetDelay   how long port 25 waits before the greeting, watching for early talkers
 *                        (Postfix postscreen_greet_wait defaults to 6 s); zero greets as soon as the checks are done
 * @param abuseThreshold  abuse signals from one address within {@code abuseWindow} that lead to a ban
 * @param abuseWindow     the window in which abuse signals are counted
 * @param abuseBan        how long an address banned for abuse stays banned
 */
public record GateConfig(ConnectionLimits limits, ScreeningConfig screening, Duration pregreetDelay,
                         int abuseThreshold, Duration abuseWindow, Duration abuseBan) {

    public GateConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(screening, "screening");
        if (pregreetDelay.isNegative() || pregreetDelay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("pregreetDelay must be 0..60 s: " + pregreetDelay);
        }
        if (abuseThreshold < 1 || abuseWindow.isNegative() || abuseWindow.isZero() || abuseBan.isNegative() || abuseBan.isZero()) {
            throw new IllegalArgumentException("abuseThreshold, abuseWindow and abuseBan must be positive");
        }
    }

    /** A public MX: limits, a 3 s pre-greet wait, no DNS lists until the operator names some. */
    public static GateConfig mxDefaults() {
        return new GateConfig(ConnectionLimits.mxDefaults(), ScreeningConfig.none(), Duration.ofSeconds(3),
                3, Duration.ofMinutes(10), Duration.ofHours(1));
    }

    /** The client ports: limits and the ban list only (TLS ends at home, so nothing else is visible). */
    public static GateConfig clientPortDefaults() {
        return new GateConfig(ConnectionLimits.clientPortDefaults(), ScreeningConfig.none(), Duration.ZERO,
                3, Duration.ofMinutes(10), Duration.ofHours(1));
    }

    public GateConfig withLimits(ConnectionLimits l) {
        return new GateConfig(l, screening, pregreetDelay, abuseThreshold, abuseWindow, abuseBan);
    }

    public GateConfig withScreening(ScreeningConfig s) {
        return new GateConfig(limits, s, pregreetDelay, abuseThreshold, abuseWindow, abuseBan);
    }

    public GateConfig withPregreetDelay(Duration d) {
        return new GateConfig(limits, screening, d, abuseThreshold, abuseWindow, abuseBan);
    }

    public GateConfig withAbuse(int threshold, Duration window, Duration ban) {
        return new GateConfig(limits, screening, pregreetDelay, threshold, window, ban);
    }
}
