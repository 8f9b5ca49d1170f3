package org.hearthmail.tunnel.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hearthmail.tunnel.keys.WgPublicKey;

/** A whole wg-quick file: one {@code [Interface]} and its peers, in file order. */
public record WgQuickConfig(InterfaceSection iface, List<PeerSection> peers) {
    public WgQuickConfig {
        Objects.requireNonNull(iface, "iface");
        peers = List.copyOf(peers);
        Set<WgPublicKey> seen = new HashSet<>();
        for (PeerSection p : peers) {
            if (!seen.add(p.publicKey())) {
                throw new IllegalArgumentException("peer " + p.publicKey() + " appears twice");
            }
        }
    }

    public Optional<PeerSection> peer(WgPublicKey publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }
}
