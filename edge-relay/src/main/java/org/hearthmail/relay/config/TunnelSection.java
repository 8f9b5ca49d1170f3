package org.hearthmail.relay.config;

import java.util.Base64;
import java.util.List;
import org.hearthmail.config.TomlTable;
import org.hearthmail.tunnel.config.IpPrefix;

/** The {@code [tunnel]} table of {@code relay.toml} (written by {@code edge-relay init --bundle}). */
final class TunnelSection {
    static final List<String> KEYS = List.of("interface", "address", "listen_port", "private_key", "preshared_key",
            "mailstore_public_key", "mailstore_address", "keepalive", "stale_after", "down_after");

    private TunnelSection() {
    }

    static RelayConfig.Tunnel parse(TomlTable t) {
        String name = t.string("interface").orElse(RelayConfig.Tunnel.DEFAULT_INTERFACE);
        if (!name.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            throw t.error("interface", "\"" + name + "\" is not an interface name (1-15 of a-z A-Z 0-9 _ = + . -)");
        }
        String address = t.requiredString("address", "the relay's tunnel address with prefix, e.g. \"10.77.0.1/24\"");
        ipv4(t, "address", address, true);
        long port = t.integer("listen_port").orElseThrow(() -> t.error("listen_port", "missing (the public UDP port, e.g. 51820)"));
        if (port < 1 || port > 65535) {
            throw t.error("listen_port", port + " is outside 1..65535");
        }
        String peerKey = t.requiredString("mailstore_public_key", "the mailstore's WireGuard public key (base64)");
        try {
            if (Base64.getDecoder().decode(peerKey).length != 32) {
                throw t.error("mailstore_public_key", "is not a 32-byte WireGuard key");
            }
        } catch (IllegalArgumentException e) {
            throw t.error("mailstore_public_key", "is not base64");
        }
        String peerAddress = t.requiredString("mailstore_address", "the mailstore's tunnel address, e.g. \"10.77.0.2\"");
        ipv4(t, "mailstore_address", peerAddress, false);
        long keepalive = t.integer("keepalive").orElse((long) RelayConfig.Tunnel.DEFAULT_KEEPALIVE);
        if (keepalive < 1 || keepalive > 300) {
            throw t.error("keepalive", keepalive + " s is outside 1..300");
        }
        long stale = t.integer("stale_after").orElse((long) RelayConfig.Tunnel.DEFAULT_STALE_AFTER);
        long down = t.integer("down_after").orElse((long) RelayConfig.Tunnel.DEFAULT_DOWN_AFTER);
        if (stale <= keepalive || down <= stale || down > 3600) {
            throw t.error("down_after", "need keepalive < stale_after < down_after <= 3600 seconds, got " + keepalive + " / "
                    + stale + " / " + down);
        }
        return new RelayConfig.Tunnel(name, address, (int) port,
                t.relativePath("private_key").orElse(RelayConfig.Tunnel.DEFAULT_PRIVATE_KEY),
                t.relativePath("preshared_key").orElse(RelayConfig.Tunnel.DEFAULT_PRESHARED_KEY),
                peerKey, peerAddress, (int) keepalive, (int) stale, (int) down);
    }

    private static void ipv4(TomlTable t, String key, String text, boolean withPrefix) {
        try {
            IpPrefix p = IpPrefix.parse(text);
            if (!p.isIpv4() || withPrefix != text.contains("/")) {
                throw new IllegalArgumentException(withPrefix ? "need an IPv4 address with a prefix length"
                        : "need an IPv4 address without a prefix length");
            }
        } catch (IllegalArgumentException e) {
            throw t.error(key, "\"" + text + "\": " + e.getMessage());
        }
    }
}
