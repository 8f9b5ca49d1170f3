package org.hearthmail.relay.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hearthmail.config.HostPort;

/** The system's resolver (resolv.conf(5)) and the well-known public resolvers the relay warns about. */
public final class ResolvConf {

    public static final Path SYSTEM = Path.of("/etc/resolv.conf");

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

    /**
     * Public resolvers share one reputation among millions of clients: DNS blocklists refuse them
     * (Spamhaus answers 127.255.255.254), and every sender's domain is disclosed to a third party.
     */
    public static boolean isWellKnownPublic(InetAddress address) {
        return org.hearthmail.relay.gate.PublicResolvers.isWellKnown(address);
    }
}
