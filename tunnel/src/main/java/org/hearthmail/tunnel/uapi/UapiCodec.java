package org.hearthmail.tunnel.uapi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.config.Endpoint;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.keys.KeyFormatException;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.keys.WgPublicKey;

/** Encodes and decodes UAPI messages; no I/O here. */
public final class UapiCodec {
    private UapiCodec() {
    }

    /** The request that reads the whole device: "get=1" and an empty line. */
    public static String getRequest() {
        return "get=1\n\n";
    }

    /**
     * A set request that makes the device equal to {@code config}: replace_peers=true, then every
     * peer with replace_allowed_ips=true, so applying the same config twice changes nothing.
     * The text contains the private key in hex: never log it.
     */
    public static String setRequest(WgQuickConfig config, EndpointResolver resolver) throws TunnelException {
        StringBuilder out = new StringBuilder("set=1\n");
        // xplatform: "private_key: the value for this key should be a lowercase hex-encoded private key".
        put(out, "private_key", config.iface().privateKey().toHex());
        config.iface().listenPort().ifPresent(p -> put(out, "listen_port", Integer.toString(p)));
        config.iface().fwMark().ifPresent(m -> put(out, "fwmark", Integer.toUnsignedString(m)));
        put(out, "replace_peers", "true");
        for (PeerSection peer : config.peers()) {
            put(out, "public_key", peer.publicKey().toHex());
            // An absent PSK must be sent as all zeros, or a previous one would stay in place.
            put(out, "preshared_key", peer.presharedKey().map(k -> k.toHex()).orElse("0".repeat(64)));
            if (peer.endpoint().isPresent()) {
                put(out, "endpoint", endpoint(resolver.resolve(peer.endpoint().get())));
            }
            // xplatform: persistent_keepalive_interval=0 disables it.
            put(out, "persistent_keepalive_interval", Integer.toString(peer.persistentKeepalive().orElse(0)));
            put(out, "replace_allowed_ips", "true");
            for (IpPrefix ip : peer.allowedIps()) {
                put(out, "allowed_ip", ip.network().toString());
            }
        }
        return out.append('\n').toString();
    }

    /** xplatform: endpoint is IP:port, IPv6 in brackets. */
    static String endpoint(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = IpPrefix.format(ip);
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void put(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }

    /** Checks a set reply: exactly "errno=0". */
    public static void checkSetReply(String reply) throws UapiException {
        int errno = -1;
        for (String line : lines(reply)) {
            if (line.startsWith("errno=")) {
                errno = parseErrno(line);
            }
        }
        if (errno != 0) {
            throw new UapiException("the WireGuard daemon refused the configuration (errno " + errno + ")", errno);
        }
    }

    /** Parses a get reply into a status; the private key is reduced to its public key. */
    public static TunnelStatus parseGet(String interfaceName, String reply) throws UapiException {
        Optional<WgPublicKey> ownKey = Optional.empty();
        OptionalInt listenPort = OptionalInt.empty();
        List<PeerStatus> peers = new ArrayList<>();
        PeerDraft peer = null;
        Integer errno = null;
        for (String line : lines(reply)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UapiException("malformed UAPI reply line (no key=value)", -1);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            try {
                switch (key) {
                    case "private_key" -> ownKey = Optional.of(WgPrivateKey.fromHex(value).publicKey());
                    case "listen_port" -> listenPort = OptionalInt.of(Integer.parseInt(value));
                    case "public_key" -> {
                        if (peer != null) {
                            peers.add(peer.build());
                        }
                        peer = new PeerDraft(WgPublicKey.fromHex(value));
                    }
                    case "errno" -> errno = parseErrno(line);
                    default -> {
                        if (peer != null) {
                            peer.accept(key, value);
                        }
                        // Device-level keys we do not use (fwmark, protocol_version) are ignored.
                    }
                }
            } catch (KeyFormatException | NumberFormatException e) {
                throw new UapiException("malformed UAPI reply value for " + key, -1);
            }
        }
        if (peer != null) {
            peers.add(peer.build());
        }
        if (errno == null) {
            throw new UapiException("UAPI reply ended without errno", -1);
        }
        if (errno != 0) {
            throw new UapiException("the WireGuard daemon failed to report its state (errno " + errno + ")", errno);
        }
        return new TunnelStatus(interfaceName, ownKey, listenPort, peers);
    }

    private static int parseErrno(String line) throws UapiException {
        try {
            return Integer.parseInt(line.substring("errno=".length()));
        } catch (NumberFormatException e) {
            throw new UapiException("malformed errno in UAPI reply", -1);
        }
    }

    private static List<String> lines(String reply) {
        List<String> out = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Accumulates one peer's lines of a get reply. */
    private static final class PeerDraft {
        private final WgPublicKey key;
        private Optional<InetSocketAddress> endpoint = Optional.empty();
        private long handshakeSec;
        private long handshakeNsec;
        private long rx;
        private long tx;
        private int keepalive;
        private boolean psk;
        private final List<IpPrefix> allowed = new ArrayList<>();

        PeerDraft(WgPublicKey key) {
            this.key = key;
        }

        void accept(String key, String value) throws UapiException {
            switch (key) {
                case "endpoint" -> endpoint = Optional.of(parseEndpoint(value));
                case "last_handshake_time_sec" -> handshakeSec = Long.parseLong(value);
                case "last_handshake_time_nsec" -> handshakeNsec = Long.parseLong(value);
                case "rx_bytes" -> rx = Long.parseLong(value);
                case "tx_bytes" -> tx = Long.parseLong(value);
                case "persistent_keepalive_interval" -> keepalive = Integer.parseInt(value);
                case "preshared_key" -> psk = !value.chars().allMatch(c -> c == '0');
                case "allowed_ip" -> {
                    try {
                        allowed.add(IpPrefix.parse(value));
                    } catch (IllegalArgumentException e) {
                        throw new UapiException("malformed allowed_ip in UAPI reply", -1);
                    }
                }
                default -> {
                    // protocol_version and future keys: not needed.
                }
            }
        }

        private static InetSocketAddress parseEndpoint(String value) throws UapiException {
            try {
                Endpoint e = Endpoint.parse(value);
                return new InetSocketAddress(IpPrefix.parseLiteral(e.host()), e.port());
            } catch (IllegalArgumentException ex) {
                throw new UapiException("malformed endpoint in UAPI reply", -1);
            }
        }

        PeerStatus build() {
            // xplatform: a zero handshake time means no handshake has completed yet.
            Optional<Instant> handshake = handshakeSec == 0 && handshakeNsec == 0
                    ? Optional.empty() : Optional.of(Instant.ofEpochSecond(handshakeSec, handshakeNsec));
            return new PeerStatus(key, endpoint, handshake, rx, tx,
                    keepalive == 0 ? OptionalInt.empty() : OptionalInt.of(keepalive), allowed, psk);
        }
    }
}
