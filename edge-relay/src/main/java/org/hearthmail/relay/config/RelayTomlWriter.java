package org.hearthmail.relay.config;

import java.util.List;
import java.util.stream.Collectors;
import org.hearthmail.provision.RelayBundle;

/**
 * The {@code relay.toml} that {@code edge-relay init --bundle} writes (keys per docs/relay-toml.md),
 * naming the files {@link #KEY_FILES} lists under {@code keys/}. {@link RelayConfigLoader#parse} of
 * the result is checked by the caller.
 */
public final class RelayTomlWriter {
    public static final String WIREGUARD_KEY = "keys/wireguard.key";
    public static final String PRESHARED_KEY = "keys/wireguard.psk";
    public static final String OUTBOUND_CREDENTIALS = "keys/outbound-credentials";
    public static final String OUTBOUND_CERT = "keys/outbound-cert.pem";
    public static final String OUTBOUND_KEY = "keys/outbound-key.pem";
    public static final List<String> KEY_FILES = List.of(WIREGUARD_KEY, PRESHARED_KEY, OUTBOUND_CREDENTIALS, OUTBOUND_CERT,
            OUTBOUND_KEY, "keys/tls-cert.pem", "keys/tls-key.pem");

    private RelayTomlWriter() {
    }

    /** @param interfaceName the WireGuard interface to create */
    public static String render(RelayBundle b, String interfaceName) {
        return """
                # Hearthmail edge relay configuration, written by 'edge-relay init --bundle' for relay %s.
                # Keys: docs/relay-toml.md. Read once at start: restart 'edge-relay run' after a change.
                hostname = %s
                domains = [%s]

                [inbound]
                listen = "0.0.0.0:25"

                [mailstore]
                # The mailstore's SMTP intake, across the tunnel.
                intake = %s

                [passthrough]
                # Client ports forwarded raw, with a PROXY v2 header, to the mailstore (TLS ends at home).
                routes = [%s]

                [spool]
                # While the mailstore is unreachable, mail is sealed to this key (ADR 0003).
                mailstore_key = %s
                recipient_cache_salt = %s

                [outbound]
                # The mailstore hands outgoing mail over here, through the tunnel (STARTTLS + AUTH).
                listen = %s
                credentials = %s
                # The certificate the mailstore pins (its [relay] tls_fingerprint).
                cert = %s
                key = %s

                [tunnel]
                # WireGuard to the mailstore: this relay listens, home dials in with keepalives.
                interface = %s
                address = %s
                listen_port = %d
                private_key = %s
                preshared_key = %s
                mailstore_public_key = %s
                mailstore_address = %s
                # Persistent keepalive towards the mailstore, in seconds, once it has dialled in.
                keepalive = %d
                # Seconds of silence after which the mailstore counts as stale, then down (new mail is then spooled at once).
                stale_after = %d
                down_after = %d
                """.formatted(b.relayName(), q(b.relayHostname()), b.domains().stream().map(RelayTomlWriter::q)
                        .collect(Collectors.joining(", ")), q(b.mailstoreIntake()),
                b.passthroughRoutes().stream().map(RelayTomlWriter::q).collect(Collectors.joining(", ")),
                q(b.spoolPublicKey()), q(b.recipientCacheSalt()), q(b.outboundListen()), q(OUTBOUND_CREDENTIALS),
                q(OUTBOUND_CERT), q(OUTBOUND_KEY), q(interfaceName), q(b.relayTunnelAddress() + "/" + b.tunnelPrefixLength()),
                b.listenPort(), q(WIREGUARD_KEY), q(PRESHARED_KEY), q(b.mailstorePublicKey()), q(b.mailstoreTunnelAddress()),
                RelayConfig.Tunnel.DEFAULT_KEEPALIVE, RelayConfig.Tunnel.DEFAULT_STALE_AFTER, RelayConfig.Tunnel.DEFAULT_DOWN_AFTER);
    }

    /** A TOML basic string; bundle values are single lines, so only quote and backslash need escaping. */
    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
