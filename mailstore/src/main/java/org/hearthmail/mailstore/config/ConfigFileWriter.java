package org.hearthmail.mailstore.config;

import io.netty.util.NetUtil;
import java.util.stream.Collectors;
import org.hearthmail.proxy.IpRange;

/**
 * Renders a {@link MailstoreConfig} as a commented {@code mailstore.toml} (what {@code mailstore init}
 * writes). {@link ConfigLoader#parse} of the result gives back an equal config.
 */
public final class ConfigFileWriter {

    private ConfigFileWriter() {
    }

    public static String render(MailstoreConfig c) {
        return """
                # Hearthmail mailstore configuration (TOML). Read once at start: restart 'mailstore run'
                # after a change. Unknown keys are errors, so a typo cannot go unnoticed.

                # This mailstore's own name, used in Received lines and SMTP/IMAP greetings.
                hostname = %s
                # The public MX name: the edge relay.
                mx_host = %s

                [intake]
                # SMTP from the relay. Later the tunnel address, e.g. "10.77.0.1:10025".
                listen = %s
                # Sources trusted to send XCLIENT (the relay), as CIDR blocks.
                relay_addresses = [%s]
                # Largest message accepted, in bytes or with K, M, G (binary units).
                max_message_size = %d

                [tls]
                # Certificate chain and private key (PEM) for IMAP and submission, relative to the data directory.
                cert = %s
                key = %s

                [auth_results]
                # authserv-id of the Authentication-Results headers the relay writes and we trust (RFC 8601 §2.5).
                authserv_id = %s

                [delivery]
                # Verdicts (method=result) that send a message to Junk instead of INBOX.
                junk_on = [%s]
                # The '+' of user+tag@domain; "" turns sub-addressing off.
                subaddress_separator = %s
                # Deliver user+Folder@domain into the mailbox "Folder" when it exists.
                folder_delivery = %s

                [log]
                # Days to keep the mailstore's own log files.
                retention_days = %d

                [submission]
                # Mail clients submit here: STARTTLS (RFC 6409; the relay forwards its 587) and implicit
                # TLS (RFC 8314; the relay forwards its 465). AUTH only inside TLS.
                listen_starttls = %s
                listen_tls = %s
                # Sources that must send a PROXY v2 header with the real client address (the relay's
                # tunnel address), as CIDR blocks; [] when clients connect directly.
                proxy_from = [%s]
                # Header fields removed from every submitted message before it leaves.
                strip_headers = [%s]
                # Largest message accepted, in bytes or with K, M, G (binary units).
                max_message_size = %d

                [imap]
                # Mail clients read here: STARTTLS (RFC 3501) and implicit TLS (RFC 8314; the relay
                # forwards its 993). LOGIN and AUTHENTICATE only inside TLS.
                listen_starttls = %s
                listen_tls = %s
                # Sources that must send a PROXY v2 header with the real client address (the relay's
                # tunnel address), as CIDR blocks; [] when clients connect directly.
                proxy_from = [%s]

                [relay]
                # The relay's outbound SMTP listener, reached through the tunnel.
                outbound = %s
                # Relay name and per-relay secret (from the provisioning bundle), relative to the data directory.
                credentials = %s
                # SHA-256 fingerprint of the relay's TLS certificate; "" until provisioned.
                tls_fingerprint = %s
                """.formatted(
                quote(c.hostname()), quote(c.mxHost()),
                quote(c.intake().listen().toString()),
                c.intake().relayAddresses().ranges().stream().map(ConfigFileWriter::cidr).map(ConfigFileWriter::quote)
                        .collect(Collectors.joining(", ")),
                c.intake().maxMessageSize(),
                quote(slashes(c.tls().certificate().toString())), quote(slashes(c.tls().privateKey().toString())),
                quote(c.authResults().authservId()),
                c.delivery().junkOn().stream().map(r -> quote(r.toString())).collect(Collectors.joining(", ")),
                quote(c.delivery().subaddressSeparator()),
                c.delivery().folderDelivery(),
                c.log().retentionDays(),
                quote(c.submission().listenStartTls().toString()), quote(c.submission().listenTls().toString()),
                c.submission().proxyFrom().ranges().stream().map(ConfigFileWriter::cidr).map(ConfigFileWriter::quote)
                        .collect(Collectors.joining(", ")),
                c.submission().stripHeaders().stream().map(ConfigFileWriter::quote).collect(Collectors.joining(", ")),
                c.submission().maxMessageSize(),
                quote(c.imap().listenStartTls().toString()), quote(c.imap().listenTls().toString()),
                c.imap().proxyFrom().ranges().stream().map(ConfigFileWriter::cidr).map(ConfigFileWriter::quote)
                        .collect(Collectors.joining(", ")),
                quote(c.relay().outbound().toString()), quote(slashes(c.relay().credentials().toString())),
                quote(c.relay().tlsFingerprint())) + c.tunnel().map(ConfigFileWriter::tunnel).orElse("");
    }

    private static String tunnel(MailstoreConfig.Tunnel t) {
        return """

                [tunnel]
                # WireGuard to the relays, brought up by 'mailstore run'. The peers are the relays in relays/
                # ('mailstore relay bundle' adds them); this side dials out, so home needs no port forwarding.
                interface = %s
                # This mailstore's tunnel address and the tunnel's prefix.
                address = %s
                # WireGuard private key, relative to the data directory.
                private_key = %s
                # Persistent keepalive towards each relay, in seconds (keeps home's NAT mapping open).
                keepalive = %d
                # Seconds of silence after which a relay counts as stale, then down (status, logs).
                stale_after = %d
                down_after = %d
                """.formatted(quote(t.interfaceName()), quote(t.address()), quote(slashes(t.privateKey().toString())),
                t.keepaliveSeconds(), t.staleAfterSeconds(), t.downAfterSeconds());
    }

    private static String cidr(IpRange r) {
        return NetUtil.toAddressString(r.network()) + "/" + r.prefixLength();
    }

    private static String slashes(String path) {
        return path.replace('\\', '/');
    }

    /** A TOML basic string (TOML 1.0 "String": escape backslash, quote and control characters). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\u%04X", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
