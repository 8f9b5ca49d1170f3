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
 * @param junkOn            {@code method=result} pairs (lower case, e.g. {@code dmarc=fail}) that send a
 *                          message to Junk when the relay's Authentication-Results report them
 */
public record IntakeConfig(String hostname, InetSocketAddress listen, CidrSet relayAddresses, long maxMessageSize,
                           String authservId, boolean overQuotaIsPermanent, java.util.Set<String> junkOn) {

    public IntakeConfig(String hostname, InetSocketAddress listen, CidrSet relayAddresses, long maxMessageSize,
                        String authservId, boolean overQuotaIsPermanent) {
        this(hostname, listen, relayAddresses, maxMessageSize, authservId, overQuotaIsPermanent, java.util.Set.of("dmarc=fail"));
    }

    public IntakeConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(relayAddresses, "relayAddresses");
        Objects.requireNonNull(authservId, "authservId");
        junkOn = java.util.Set.copyOf(junkOn);
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }
}
