package org.hearthmail.provision;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.config.RelayCredentials;

/**
 * The plaintext inside a bundle: UTF-8 {@code key=value} lines, PEM blocks base64-encoded to one
 * line, lists comma-separated. Keys this version does not know are ignored, so a later minor
 * addition need not bump the format version; a missing key is an error.
 */
final class BundlePayload {

    private BundlePayload() {
    }

    static byte[] encode(RelayBundle b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("relay_name", b.relayName());
        m.put("relay_hostname", b.relayHostname());
        m.put("mx_preference", Integer.toString(b.mxPreference()));
        m.put("relay_private_key", b.relayPrivateKey());
        m.put("mailstore_public_key", b.mailstorePublicKey());
        m.put("preshared_key", b.presharedKey());
        m.put("relay_tunnel_address", b.relayTunnelAddress());
        m.put("mailstore_tunnel_address", b.mailstoreTunnelAddress());
        m.put("tunnel_prefix_length", Integer.toString(b.tunnelPrefixLength()));
        m.put("listen_port", Integer.toString(b.listenPort()));
        m.put("domains", String.join(",", b.domains()));
        m.put("spool_public_key", b.spoolPublicKey());
        m.put("outbound_name", b.credentials().name());
        m.put("outbound_secret", b.credentials().secret());
        m.put("recipient_cache_salt", b.recipientCacheSalt());
        m.put("tls_certificate", oneLine(b.tlsCertificatePem()));
        m.put("tls_private_key", oneLine(b.tlsPrivateKeyPem()));
        m.put("mailstore_intake", b.mailstoreIntake());
        m.put("outbound_listen", b.outboundListen());
        m.put("passthrough_routes", String.join(",", b.passthroughRoutes()));
        StringBuilder out = new StringBuilder();
        m.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static RelayBundle decode(byte[] plaintext) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : new String(plaintext, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (line.isEmpty()) {
                continue;
            }
            if (eq <= 0) {
                throw new BundleException.Malformed("the bundle's content is damaged (a line without '=')");
            }
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        try {
            return new RelayBundle(get(m, "relay_name"), get(m, "relay_hostname"), integer(m, "mx_preference"),
                    get(m, "relay_private_key"), get(m, "mailstore_public_key"), get(m, "preshared_key"),
                    get(m, "relay_tunnel_address"), get(m, "mailstore_tunnel_address"), integer(m, "tunnel_prefix_length"),
                    integer(m, "listen_port"), list(m, "domains"), get(m, "spool_public_key"),
                    new RelayCredentials(get(m, "outbound_name"), get(m, "outbound_secret")),
                    get(m, "recipient_cache_salt"), pem(m, "tls_certificate"), pem(m, "tls_private_key"),
                    get(m, "mailstore_intake"), get(m, "outbound_listen"), list(m, "passthrough_routes"));
        } catch (IllegalArgumentException e) {
            throw new BundleException.Malformed("the bundle's content is invalid: " + e.getMessage());
        }
    }

    private static String oneLine(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new BundleException.Malformed("the bundle lacks '" + key + "'; make a new one with 'mailstore relay bundle'");
        }
        return v;
    }

    private static int integer(Map<String, String> m, String key) {
        try {
            return Integer.parseInt(get(m, key));
        } catch (NumberFormatException e) {
            throw new BundleException.Malformed("the bundle's '" + key + "' is not a number");
        }
    }

    private static List<String> list(Map<String, String> m, String key) {
        String v = get(m, key);
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    private static String pem(Map<String, String> m, String key) {
        try {
            return new String(Base64.getDecoder().decode(get(m, key)), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new BundleException.Malformed("the bundle's '" + key + "' is not base64");
        }
    }
}
