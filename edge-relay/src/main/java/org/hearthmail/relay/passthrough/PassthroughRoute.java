package org.hearthmail.relay.passthrough;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One client port: where the relay listens, and the mailstore endpoint (across the tunnel) that
 * takes the connection with a PROXY v2 header, e.g. 0.0.0.0:993 to 10.77.0.2:10993.
 */
public record PassthroughRoute(InetSocketAddress listen, InetSocketAddress target) {
    public PassthroughRoute {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("the pass-through target must be an IP address: " + target);
        }
    }
}
