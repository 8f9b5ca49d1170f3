package org.hearthmail.tunnel.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tunnel's health at one poll: the worst of its peers' healths (DOWN when it has no peers or
 * the device could not be read, with {@code problem} saying why). {@code reapplied} is true when
 * this poll found the device unreachable or not matching its config and applied the config again.
 */
public record HealthReport(String interfaceName, Instant at, TunnelHealth overall, List<PeerHealth> peers,
                           Optional<String> problem, boolean reapplied) {
    public HealthReport {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(overall, "overall");
        peers = List.copyOf(peers);
        Objects.requireNonNull(problem, "problem");
    }

    /** True when the overall or any peer's health differs from {@code other}'s (counters ignored). */
    public boolean healthDiffers(HealthReport other) {
        if (other == null || overall != other.overall || peers.size() != other.peers.size()) {
            return true;
        }
        for (int i = 0; i < peers.size(); i++) {
            PeerHealth a = peers.get(i);
            PeerHealth b = other.peers.get(i);
            if (!a.peer().equals(b.peer()) || a.health() != b.health()) {
                return true;
            }
        }
        return false;
    }
}
