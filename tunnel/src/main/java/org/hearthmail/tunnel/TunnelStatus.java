package org.hearthmail.tunnel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * A snapshot of one WireGuard device. {@code publicKey} is derived from the device's private key
 * (empty when none is set, e.g. right after the daemon restarted); the private key itself is
 * never kept.
 */
public record TunnelStatus(
        String interfaceName,
        Optional<WgPublicKey> publicKey,
        OptionalInt listenPort,
        List<PeerStatus> peers) {

    public TunnelStatus {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(listenPort, "listenPort");
        peers = List.copyOf(peers);
    }

    public Optional<PeerStatus> peer(WgPublicKey key) {
        return peers.stream().filter(p -> p.publicKey().equals(key)).findFirst();
    }
}
