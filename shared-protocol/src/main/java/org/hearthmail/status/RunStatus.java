package org.hearthmail.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a running program reports about itself.
 *
 * @param program   {@code edge-relay} or {@code mailstore}
 * @param pid       its process id
 * @param written   when this snapshot was taken
 * @param tunnel    the tunnel's health; null when no {@code [tunnel]} is configured
 * @param listeners each listener, {@code "NAME on IP:PORT"}
 * @param counts    sizes worth watching (spool entries, queue messages), by name
 */
public record RunStatus(String program, long pid, Instant written, TunnelState tunnel, List<String> listeners,
                        Map<String, Long> counts) {

    public RunStatus {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(written, "written");
        listeners = List.copyOf(listeners);
        counts = Map.copyOf(counts);
    }

    /**
     * @param interfaceName the WireGuard interface
     * @param health        {@code UP}, {@code STALE} or {@code DOWN}
     * @param problem       why it is down, or null
     * @param peers         each configured peer
     */
    public record TunnelState(String interfaceName, String health, String problem, List<PeerState> peers) {
        public TunnelState {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(health, "health");
            peers = List.copyOf(peers);
        }
    }

    /**
     * @param name          the peer's name (relay name, or "mailstore")
     * @param publicKey     its WireGuard public key (base64)
     * @param health        {@code UP}, {@code STALE} or {@code DOWN}
     * @param lastHandshake the last completed handshake, or null if none yet
     * @param endpoint      where its packets come from, or null
     */
    public record PeerState(String name, String publicKey, String health, Instant lastHandshake, String endpoint,
                            long rxBytes, long txBytes) {
        public PeerState {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(health, "health");
        }
    }
}
