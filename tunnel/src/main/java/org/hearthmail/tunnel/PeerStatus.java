package org.hearthmail.tunnel;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * What the device reports about one peer. {@code lastHandshake} is empty until a handshake has
 * completed; byte counters are cumulative since the peer was added to the device.
 */
public record PeerStatus(
        WgPublicKey publicKey,
        Optional<InetSocketAddress> endpoint,
        Optional<Instant> lastHandshake,
        long rxBytes,
        long txBytes,
        OptionalInt persistentKeepalive,
        List<IpPrefix> allowedIps,
        boolean hasPresharedKey) {

    public PeerStatus {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(lastHandshake, "lastHandshake");
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        allowedIps = List.copyOf(allowedIps);
    }
}
