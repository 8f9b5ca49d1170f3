package org.hearthmail.tunnel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPublicKey;

/** A {@code [Peer]} section; every key here is WireGuard's own (wg(8) CONFIGURATION FILE FORMAT). */
public record PeerSection(
        WgPublicKey publicKey,
        Optional<WgPresharedKey> presharedKey,
        List<IpPrefix> allowedIps,
        Optional<Endpoint> endpoint,
        OptionalInt persistentKeepalive) {

    public PeerSection {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
        // wg(8): PersistentKeepalive is 1-65535 seconds, or "off" (absent here).
        persistentKeepalive.ifPresent(s -> InterfaceSection.requireRange("PersistentKeepalive", s, 1, 65535));
    }

    public static Builder builder(WgPublicKey publicKey) {
        return new Builder(publicKey);
    }

    /** Collects the section's values; {@link #build()} validates them. */
    public static final class Builder {
        private final WgPublicKey publicKey;
        private Optional<WgPresharedKey> presharedKey = Optional.empty();
        private final List<IpPrefix> allowedIps = new ArrayList<>();
        private Optional<Endpoint> endpoint = Optional.empty();
        private OptionalInt persistentKeepalive = OptionalInt.empty();

        private Builder(WgPublicKey publicKey) {
            this.publicKey = publicKey;
        }

        public Builder presharedKey(WgPresharedKey key) {
            presharedKey = Optional.of(key);
            return this;
        }

        public Builder allowedIp(IpPrefix prefix) {
            allowedIps.add(prefix);
            return this;
        }

        public Builder allowedIp(String prefix) {
            return allowedIp(IpPrefix.parse(prefix));
        }

        public Builder endpoint(Endpoint value) {
            endpoint = Optional.of(value);
            return this;
        }

        public Builder endpoint(String value) {
            return endpoint(Endpoint.parse(value));
        }

        public Builder persistentKeepalive(int seconds) {
            persistentKeepalive = OptionalInt.of(seconds);
            return this;
        }

        public PeerSection build() {
            return new PeerSection(publicKey, presharedKey, allowedIps, endpoint, persistentKeepalive);
        }
    }
}
