/**
 * The WireGuard tunnel between the edge relay and the mailstore, as seen by the rest of Hearthmail:
 * {@link org.hearthmail.tunnel.TunnelBackend} (apply a config, read status, close), the status
 * values it returns, its exceptions, and {@link org.hearthmail.tunnel.BackendSelector}, which picks
 * a backend for this host or says what to install.
 *
 * <p>Invariants: a backend is driven only through a {@link org.hearthmail.tunnel.config.WgQuickConfig};
 * status values carry public keys and counters only, never a private or preshared key; every
 * failure reaches callers as a {@link org.hearthmail.tunnel.TunnelException} with a message fit
 * for an operator. Sub-packages: {@code keys}, {@code config}, {@code uapi} (the userspace
 * protocol), {@code userspace} (wireguard-go backend), {@code health} (supervision) and
 * {@code netlink} (the only package that imports JNA).
 */
package org.hearthmail.tunnel;
