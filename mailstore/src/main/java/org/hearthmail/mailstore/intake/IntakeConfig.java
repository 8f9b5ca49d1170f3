package org.hearthmail.mailstore.intake;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.hearthmail.proxy.CidrSet;

/**
 * How the intake listener runs.
 *
 * @param hostname          our name, in the greeting and our Received line
 * @param listen            where to listen: the tunnel address (or loopback in the demo)
 * @param relayAddresses    peers allowed to use XCLIENT: the relays' tunnel addresses
 * @param maxMessageSize    octets; RFC 1870 SIZE
 * @param authservId        our authserv-id for Authentication-Results (RFC 8601 §2.5)
 * @param overQuotaIsPermanent answer a full mailbox with 552 5.2.2 instead of 452 4.2.2
 */
public record IntakeConfig(String hostname, InetSocketAddress listen, CidrSet relayAddresses, long maxMessageSize,
                           String authservId, boolean overQuotaIsPermanent) {

    public IntakeConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(relayAddresses, "relayAddresses");
        Objects.requireNonNull(authservId, "authservId");
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }
}
