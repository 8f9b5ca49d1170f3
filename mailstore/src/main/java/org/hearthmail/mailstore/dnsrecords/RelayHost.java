package org.hearthmail.mailstore.dnsrecords;

import java.net.InetAddress;
import java.util.Objects;
import java.util.List;

/**
 * A relay as DNS sees it.
 *
 * @param hostname     its MX host name, EHLO name and the target its PTR must name
 * @param preference   its MX preference
 * @param addresses    its public egress addresses (IPv4 and/or IPv6); empty when unknown
 */
public record RelayHost(String hostname, int preference, List<InetAddress> addresses) {
    public RelayHost {
        Objects.requireNonNull(hostname, "hostname");
        addresses = List.copyOf(addresses);
    }
}
