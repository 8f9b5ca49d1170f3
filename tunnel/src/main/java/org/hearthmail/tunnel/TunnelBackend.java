package org.hearthmail.tunnel;

import org.hearthmail.tunnel.config.WgQuickConfig;

/**
 * One WireGuard interface on this host, driven by a config. Implementations: the userspace
 * backend (wireguard-go over its UAPI socket); a kernel backend over generic netlink is planned
 * (see docs/adr/0001-tunnel-backends.md).
 */
public interface TunnelBackend extends AutoCloseable {

    /** The interface this backend drives, e.g. {@code hm0}. */
    String interfaceName();

    /**
     * Makes the device match {@code config}: keys, listen port, the exact set of peers, then the
     * interface's addresses, MTU and link state. Idempotent; may start a daemon first.
     */
    void apply(WgQuickConfig config) throws TunnelException;

    /** Reads the device's current state; {@link TunnelUnavailableException} if it is not running. */
    TunnelStatus readStatus() throws TunnelException;

    /** Releases what this backend started (a daemon it launched); leaves foreign daemons alone. */
    @Override
    void close() throws TunnelException;
}
