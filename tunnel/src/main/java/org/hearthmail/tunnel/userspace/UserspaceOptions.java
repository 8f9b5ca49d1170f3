package org.hearthmail.tunnel.userspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hearthmail.tunnel.uapi.UapiClient;

/**
 * How to run one userspace WireGuard interface.
 *
 * @param interfaceName the tun interface, also naming the UAPI socket
 * @param netns         a network namespace to run the daemon and {@code ip} commands in
 *                      ({@code ip netns exec} / {@code ip -n}); empty for the current one
 * @param socketDir     where wireguard-go puts IFNAME.sock (shared by all namespaces)
 * @param wireguardGo   the wireguard-go executable
 * @param ip            the iproute2 {@code ip} executable
 * @param startDaemon   start wireguard-go when no daemon answers on the socket; when false,
 *                      a missing daemon is an error (someone else, e.g. systemd, runs it)
 * @param timeout       bound for daemon start-up, one UAPI exchange and one {@code ip} command
 */
public record UserspaceOptions(
        String interfaceName,
        Optional<String> netns,
        Path socketDir,
        Path wireguardGo,
        Path ip,
        boolean startDaemon,
        Duration timeout) {

    /** wg-quick's rule for interface names; Linux IFNAMSIZ allows 15 characters. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");

    public UserspaceOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (!NAME.matcher(interfaceName).matches()) {
            throw new IllegalArgumentException("interface name '" + interfaceName
                    + "' must be 1-15 characters of a-z A-Z 0-9 _ = + . -");
        }
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(socketDir, "socketDir");
        Objects.requireNonNull(wireguardGo, "wireguardGo");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Current namespace, default paths, start the daemon if needed, 5 s timeout. */
    public static UserspaceOptions defaults(String interfaceName) {
        return new UserspaceOptions(interfaceName, Optional.empty(), UapiClient.DEFAULT_SOCKET_DIR,
                Path.of("/usr/bin/wireguard-go"), Path.of("/usr/sbin/ip"), true, Duration.ofSeconds(5));
    }

    public UserspaceOptions inNamespace(String namespace) {
        return new UserspaceOptions(interfaceName, Optional.of(namespace), socketDir, wireguardGo, ip, startDaemon, timeout);
    }

    public UserspaceOptions withStartDaemon(boolean value) {
        return new UserspaceOptions(interfaceName, netns, socketDir, wireguardGo, ip, value, timeout);
    }

    public UserspaceOptions withWireguardGo(Path path) {
        return new UserspaceOptions(interfaceName, netns, socketDir, path, ip, startDaemon, timeout);
    }
}
