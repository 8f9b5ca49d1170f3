package org.hearthmail.tunnel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.keys.WgPrivateKey;

/**
 * The {@code [Interface]} section. {@code PrivateKey}, {@code ListenPort} and {@code FwMark} are
 * WireGuard's own (wg(8)); the rest are wg-quick(8) additions that a backend applies to the host
 * (addresses, MTU, DNS, routing table, hooks).
 */
public record InterfaceSection(
        WgPrivateKey privateKey,
        List<IpPrefix> addresses,
        OptionalInt listenPort,
        OptionalInt fwMark,
        OptionalInt mtu,
        List<String> dns,
        Optional<String> table,
        List<String> preUp,
        List<String> postUp,
        List<String> preDown,
        List<String> postDown,
        boolean saveConfig) {

    public InterfaceSection {
        Objects.requireNonNull(privateKey, "privateKey");
        addresses = List.copyOf(addresses);
        dns = List.copyOf(dns);
        preUp = List.copyOf(preUp);
        postUp = List.copyOf(postUp);
        preDown = List.copyOf(preDown);
        postDown = List.copyOf(postDown);
        Objects.requireNonNull(table, "table");
        listenPort.ifPresent(p -> requireRange("ListenPort", p, 0, 65535));
        // wg-quick sets the MTU with `ip link set mtu`; IPv4 needs at least 576, IPv6 1280.
        mtu.ifPresent(m -> requireRange("MTU", m, 576, 65535));
    }

    static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + "-" + max + ", got " + value);
        }
    }

    public static Builder builder(WgPrivateKey privateKey) {
        return new Builder(privateKey);
    }

    /** Collects the section's values; {@link #build()} validates them. */
    public static final class Builder {
        private WgPrivateKey privateKey;
        private final List<IpPrefix> addresses = new ArrayList<>();
        private OptionalInt listenPort = OptionalInt.empty();
        private OptionalInt fwMark = OptionalInt.empty();
        private OptionalInt mtu = OptionalInt.empty();
        private final List<String> dns = new ArrayList<>();
        private Optional<String> table = Optional.empty();
        private final List<String> preUp = new ArrayList<>();
        private final List<String> postUp = new ArrayList<>();
        private final List<String> preDown = new ArrayList<>();
        private final List<String> postDown = new ArrayList<>();
        private boolean saveConfig;

        private Builder(WgPrivateKey privateKey) {
            this.privateKey = privateKey;
        }

        public Builder privateKey(WgPrivateKey key) {
            this.privateKey = key;
            return this;
        }

        public Builder address(IpPrefix address) {
            addresses.add(address);
            return this;
        }

        public Builder address(String address) {
            return address(IpPrefix.parse(address));
        }

        public Builder listenPort(int port) {
            listenPort = OptionalInt.of(port);
            return this;
        }

        public Builder fwMark(int mark) {
            fwMark = OptionalInt.of(mark);
            return this;
        }

        public Builder mtu(int value) {
            mtu = OptionalInt.of(value);
            return this;
        }

        public Builder dns(String server) {
            dns.add(server);
            return this;
        }

        public Builder table(String value) {
            table = Optional.of(value);
            return this;
        }

        public Builder preUp(String command) {
            preUp.add(command);
            return this;
        }

        public Builder postUp(String command) {
            postUp.add(command);
            return this;
        }

        public Builder preDown(String command) {
            preDown.add(command);
            return this;
        }

        public Builder postDown(String command) {
            postDown.add(command);
            return this;
        }

        public Builder saveConfig(boolean value) {
            saveConfig = value;
            return this;
        }

        public InterfaceSection build() {
            return new InterfaceSection(privateKey, addresses, listenPort, fwMark, mtu, dns, table,
                    preUp, postUp, preDown, postDown, saveConfig);
        }
    }
}
