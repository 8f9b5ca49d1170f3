/**
 * WireGuard's cross-platform userspace API (https://www.wireguard.com/xplatform/): a line protocol
 * over a unix socket, {@code /var/run/wireguard/IFNAME.sock}, spoken by wireguard-go and other
 * userspace implementations. {@link org.hearthmail.tunnel.uapi.UapiCodec} turns a config into a
 * {@code set=1} request and a {@code get=1} reply into a {@link org.hearthmail.tunnel.TunnelStatus};
 * {@link org.hearthmail.tunnel.uapi.UapiClient} does the socket I/O with a deadline.
 *
 * <p>Invariants: keys travel as lowercase hex, as the protocol requires; requests and replies are
 * never logged (a set request and a get reply both contain the private key); the private key in a
 * get reply is reduced to its public key during parsing; replies are bounded in size and time.
 */
package org.hearthmail.tunnel.uapi;
