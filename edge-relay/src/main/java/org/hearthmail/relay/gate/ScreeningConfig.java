package org.hearthmail.relay.gate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The DNS checks before the greeting on port 25.
 *
 * @param zones        block lists (positive weight) and allow lists (negative weight)
 * @param threshold    a client whose score reaches this is refused
 * @param fcrdns       whether and how forward-confirmed reverse DNS counts
 * @param fcrdnsWeight score added by a missing confirmed name in {@link FcrdnsMode#SCORE}
 * @param passTtl      how long an accepting verdict is reused for the same address
 * @param refuseTtl    how long a refusing verdict is reused
 * @param tempFailTtl  how long a verdict reached with a DNS failure is reused (short: DNS may recover)
 * @param maxCached    verdicts kept at once
 * @param maxPtrNames  PTR names checked for forward confirmation (Postfix and mox stop at a handful)
 */
public record ScreeningConfig(List<DnsListZone> zones, int threshold, FcrdnsMode fcrdns, int fcrdnsWeight,
                              Duration passTtl, Duration refuseTtl, Duration tempFailTtl, int maxCached,
                              int maxPtrNames) {

    public ScreeningConfig {
        zones = List.copyOf(zones);
        Objects.requireNonNull(fcrdns, "fcrdns");
        for (Duration d : List.of(passTtl, refuseTtl, tempFailTtl)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("verdict TTLs must not be negative: " + d);
            }
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
        }
        if (maxCached < 1 || maxPtrNames < 1) {
            throw new IllegalArgumentException("maxCached and maxPtrNames must be positive");
        }
    }

    /** No DNS lists, no FCrDNS: every client passes. */
    public static ScreeningConfig none() {
        return new ScreeningConfig(List.of(), 1, FcrdnsMode.OFF, 0, Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofMinutes(1), 10_000, 10);
    }

    public ScreeningConfig withZones(List<DnsListZone> newZones, int newThreshold) {
        return new ScreeningConfig(newZones, newThreshold, fcrdns, fcrdnsWeight, passTtl, refuseTtl, tempFailTtl,
                maxCached, maxPtrNames);
    }

    public ScreeningConfig withFcrdns(FcrdnsMode mode, int weight) {
        return new ScreeningConfig(zones, threshold, mode, weight, passTtl, refuseTtl, tempFailTtl, maxCached, maxPtrNames);
    }

    public ScreeningConfig withTtls(Duration pass, Duration refuse, Duration tempFail) {
        return new ScreeningConfig(zones, threshold, fcrdns, fcrdnsWeight, pass, refuse, tempFail, maxCached, maxPtrNames);
    }

    public boolean needsDns() {
        return !zones.isEmpty() || fcrdns != FcrdnsMode.OFF;
    }
}
