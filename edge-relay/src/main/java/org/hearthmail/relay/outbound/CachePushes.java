package org.hearthmail.relay.outbound;

import java.net.InetAddress;
import java.util.Objects;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;

/**
 * Where the outbound listener takes recipient cache pushes (docs/adr/0007).
 *
 * @param store the relay's recipient cache
 * @param from  the only peer address a push is taken from: the mailstore's address on the tunnel
 *              (the host of {@code [mailstore] intake})
 */
public record CachePushes(RecipientCacheStore store, InetAddress from) {
    public CachePushes {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(from, "from");
    }
}
