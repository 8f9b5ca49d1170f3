package org.hearthmail.relay.forward;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the relay's inbound pass-through needs.
 *
 * @param hostname       the relay's MX name: greeting, EHLO towards the mailstore, Received line
 * @param servedDomains  domains the relay takes mail for (lower case); everything else is relaying
 * @param mailstore      the mailstore intake, across the tunnel
 * @param maxMessageSize octets; RFC 1870 SIZE
 * @param linkTimeouts   how long to wait for the mailstore's replies before keeping the
 *                       transaction on the relay
 */
public record InboundConfig(String hostname, Set<String> servedDomains, InetSocketAddress mailstore, long maxMessageSize,
                            LinkTimeouts linkTimeouts) {

    /** With the default link timeouts ({@link LinkTimeouts#DEFAULT}). */
    public InboundConfig(String hostname, Set<String> servedDomains, InetSocketAddress mailstore, long maxMessageSize) {
        this(hostname, servedDomains, mailstore, maxMessageSize, LinkTimeouts.DEFAULT);
    }

    public InboundConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(mailstore, "mailstore");
        Objects.requireNonNull(linkTimeouts, "linkTimeouts");
        servedDomains = servedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (servedDomains.isEmpty()) {
            throw new IllegalArgumentException("the relay must serve at least one domain");
        }
    }

    /** Exact domains only: a subdomain is not served unless listed. */
    public boolean serves(String domain) {
        return servedDomains.contains(domain.toLowerCase(Locale.ROOT));
    }
}
