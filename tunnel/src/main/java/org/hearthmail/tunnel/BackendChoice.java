package org.hearthmail.tunnel;

import java.nio.file.Path;

/** Which WireGuard implementation to drive on this host. */
public sealed interface BackendChoice {

    /** The kernel's WireGuard through generic netlink. */
    record Kernel() implements BackendChoice {
    }

    /** wireguard-go through its UAPI socket, interface set up with iproute2's {@code ip}. */
    record Userspace(Path wireguardGo, Path ip) implements BackendChoice {
    }
}
