package org.hearthmail.tunnel.userspace;

import java.util.ArrayList;
import java.util.List;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of wg-quick up, done with iproute2: addresses, MTU, link up, and a route per
 * allowed IP that the interface's own addresses do not already cover. Every step uses
 * {@code replace}, so running it twice is harmless.
 */
final class IpLink {
    private static final Logger LOG = LoggerFactory.getLogger(IpLink.class);
    /** wg-quick's default: 1500 minus 80 bytes of IPv6+UDP+WireGuard overhead. */
    static final int DEFAULT_MTU = 1420;

    private final UserspaceOptions options;

    IpLink(UserspaceOptions options) {
        this.options = options;
    }

    void configure(WgQuickConfig config) throws TunnelException {
        InterfaceSection iface = config.iface();
        String dev = options.interfaceName();
        for (IpPrefix address : iface.addresses()) {
            ip("address", "replace", address.toString(), "dev", dev);
        }
        ip("link", "set", "dev", dev, "mtu", Integer.toString(iface.mtu().orElse(DEFAULT_MTU)), "up");
        // wg-quick add_route: a route per AllowedIP (Table=off disables them).
        if (iface.table().map(t -> t.equalsIgnoreCase("off")).orElse(false)) {
            return;
        }
        for (PeerSection peer : config.peers()) {
            for (IpPrefix allowed : peer.allowedIps()) {
                if (allowed.isDefaultRoute()) {
                    // wg-quick routes 0/0 through a fwmark policy rule; not done here, say so.
                    LOG.warn("{}: not installing a default route for peer {}; route it explicitly", dev, peer.publicKey());
                } else if (!coveredByAddress(iface, allowed)) {
                    ip("route", "replace", allowed.network().toString(), "dev", dev);
                }
            }
        }
    }

    /** The kernel already routes an address's own subnet to the interface. */
    private static boolean coveredByAddress(InterfaceSection iface, IpPrefix allowed) {
        return iface.addresses().stream().anyMatch(a -> a.prefixLength() <= allowed.prefixLength()
                && a.isIpv4() == allowed.isIpv4() && a.contains(allowed.address()));
    }

    void ip(String... args) throws TunnelException {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.ip().toString());
        options.netns().ifPresent(ns -> {
            cmd.add("-n");
            cmd.add(ns);
        });
        cmd.addAll(List.of(args));
        HostCommand.run(cmd, options.timeout());
    }
}
