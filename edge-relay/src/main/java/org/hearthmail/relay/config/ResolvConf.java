package org.hearthmail.relay.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hearthmail.config.HostPort;

/** The system's resolver (resolv.conf(5)) and the well-known public resolvers the relay warns about. */
public final class ResolvConf {

    public static final Path SYSTEM = Path.of("/etc/resolv.conf");

    /**
     * Public resolvers share one reputation among millions of clients: DNS blocklists refuse them
     * (Spamhaus answers 127.255.255.254), and every sender's domain is disclosed to a third party.
     */
    private static final Set<String> WELL_KNOWN_PUBLIC = Set.of(
            "8.8.8.8", "8.8.4.4", "2001:4860:4860:0:0:0:0:8888", "2001:4860:4860:0:0:0:0:8844",
            "1.1.1.1", "1.0.0.1", "2606:4700:4700:0:0:0:0:1111", "2606:4700:4700:0:0:0:0:1001",
            "9.9.9.9", "149.112.112.112", "2620:fe:0:0:0:0:0:fe", "2620:fe:0:0:0:0:0:9",
            "208.67.222.222", "208.67.220.220", "94.140.14.14", "94.140.15.15",
            "76.76.2.0", "76.76.10.0", "185.228.168.9", "64.6.64.6");

    private ResolvConf() {
    }

    /** The first {@code nameserver} line with an IP literal, port 53; empty if none or unreadable. */
    public static Optional<HostPort> firstNameserver(Path resolvConf) {
        List<String> lines;
        try {
            lines = Files.readAllLines(resolvConf, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                // resolv.conf(5): an IPv6 address may carry a zone ("fe80::1%eth0"); not usable here.
                String ip = words[1];
                if (ip.indexOf('%') >= 0) {
                    continue;
                }
                try {
                    return Optional.of(HostPort.parse(ip.indexOf(':') >= 0 ? "[" + ip + "]:53" : ip + ":53"));
                } catch (IllegalArgumentException notALiteral) {
                    // skip it, as the C library does with a malformed line
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isWellKnownPublic(InetAddress address) {
        return WELL_KNOWN_PUBLIC.contains(address.getHostAddress().toLowerCase(java.util.Locale.ROOT));
    }
}
