package org.hearthmail.relay.gate;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * Well-known public recursive resolvers. Many DNS block lists (Spamhaus, for one) refuse queries
 * that come through them, answering with an error code or not at all, so a relay using one would
 * silently check nothing.
 */
public final class PublicResolvers {

    private static final Set<InetAddress> KNOWN = Set.of(
            // Google Public DNS
            InetAddressLiteral.parse("8.8.8.8"), InetAddressLiteral.parse("8.8.4.4"),
            InetAddressLiteral.parse("2001:4860:4860::8888"), InetAddressLiteral.parse("2001:4860:4860::8844"),
            // Cloudflare
            InetAddressLiteral.parse("1.1.1.1"), InetAddressLiteral.parse("1.0.0.1"),
            InetAddressLiteral.parse("2606:4700:4700::1111"), InetAddressLiteral.parse("2606:4700:4700::1001"),
            // Quad9
            InetAddressLiteral.parse("9.9.9.9"), InetAddressLiteral.parse("149.112.112.112"),
            InetAddressLiteral.parse("2620:fe::fe"), InetAddressLiteral.parse("2620:fe::9"),
            // OpenDNS
            InetAddressLiteral.parse("208.67.222.222"), InetAddressLiteral.parse("208.67.220.220"),
            InetAddressLiteral.parse("2620:119:35::35"), InetAddressLiteral.parse("2620:119:53::53"));

    private PublicResolvers() { }

    public static boolean isWellKnown(InetAddress resolver) {
        return KNOWN.contains(InetAddressLiteral.unmap(resolver));
    }

    /** The warning to log at start when DNS lists are configured and the resolver is a public one. */
    public static Optional<String> warning(InetAddress resolver, ScreeningConfig screening) {
        if (screening.zones().isEmpty() || !isWellKnown(resolver)) {
            return Optional.empty();
        }
        return Optional.of("the DNS resolver " + resolver.getHostAddress() + " is a public one; many DNS block lists"
                + " refuse queries through it, so their checks may silently pass every client."
                + " Run a local recursive resolver (e.g. unbound) instead");
    }
}
