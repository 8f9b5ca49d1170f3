package org.hearthmail.tunnel.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * One peer's health with the evidence behind it. {@code lastSignOfLife} is the later of the last
 * handshake and the last poll at which the peer's received-bytes counter had grown.
 */
public record PeerHealth(
        WgPublicKey peer,
        TunnelHealth health,
        Optional<Instant> lastHandshake,
        Optional<Instant> lastSignOfLife,
        Optional<InetSocketAddress> endpoint,
        long rxBytes,
        long txBytes) {

    /** How long the peer has been silent at {@code now}; empty if it never showed life. */
    public Optional<Duration> silence(Instant now) {
        return lastSignOfLife.map(t -> Duration.between(t, now));
    }
}
