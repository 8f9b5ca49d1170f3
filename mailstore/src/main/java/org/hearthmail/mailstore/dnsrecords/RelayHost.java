package org.hearthmail.mailstore.dnsrecords;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A relay as DNS sees it.
 *
 * @param hostname     its MX host name, EHLO name and the target its PTR must name
 * @param preference   its MX preference
 * @param address      its public egress address, when known
 */
public record RelayHost(String hostname, int preference, Optional<InetAddress> address) {
    public RelayHost {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(address, "address");
    }
}
