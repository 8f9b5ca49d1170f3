package org.hearthmail.relay.gate;

import java.util.Locale;
import java.util.Objects;

/**
 * One DNS block list (positive weight) or allow list (negative weight), queried as
 * {@code <reversed client address>.<zone>} A (RFC 5782 §2.1).
 */
public record DnsListZone(String zone, int weight) {

    public DnsListZone {
        Objects.requireNonNull(zone, "zone");
        zone = zone.toLowerCase(Locale.ROOT);
        if (zone.endsWith(".")) {
            zone = zone.substring(0, zone.length() - 1);
        }
        if (zone.isEmpty() || zone.startsWith(".")) {
            throw new IllegalArgumentException("not a DNS list zone: '" + zone + "'");
        }
        if (weight == 0) {
            throw new IllegalArgumentException("a DNS list zone needs a non-zero weight: " + zone);
        }
    }

    public boolean allowList() {
        return weight < 0;
    }
}
