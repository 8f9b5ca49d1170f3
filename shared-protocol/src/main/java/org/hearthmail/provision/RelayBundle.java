package org.hearthmail.provision;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hearthmail.config.RelayCredentials;

/**
 * Everything one relay needs from home, as sealed into a bundle. Keys are in WireGuard's base64
 * form (32 bytes), so this module needs no tunnel classes; addresses are IP literals.
 *
 * @param relayName              short name chosen at home ({@code vps1}); also the outbound AUTH user
 * @param relayHostname          the relay's public MX host name
 * @param mxPreference           RFC 5321 §5.1 preference published for this relay
 * @param relayPrivateKey        the relay's WireGuard private key
 * @param mailstorePublicKey     the mailstore's WireGuard public key
 * @param presharedKey           the WireGuard preshared key of this relay/mailstore pair
 * @param relayTunnelAddress     the relay's address inside the tunnel, e.g. 10.77.0.1
 * @param mailstoreTunnelAddress the mailstore's address inside the tunnel, 10.77.0.2
 * @param tunnelPrefixLength     the tunnel network's prefix length (24)
 * @param listenPort             the UDP port the relay's WireGuard listens on
 * @param domains                the mail domains the relay takes mail for
 * @param spoolPublicKey         the mailstore's X25519 spool sealing key (ADR 0003)
 * @param credentials            the relay's name and secret for the outbound hand-off
 * @param recipientCacheSalt     the installation's recipient-cache salt, base64
 * @param tlsCertificatePem      the certificate of the relay's outbound listener, pinned at home
 * @param tlsPrivateKeyPem       its private key (PKCS#8 PEM)
 * @param mailstoreIntake        the mailstore's SMTP intake across the tunnel, {@code IP:PORT}
 * @param outboundListen         where the relay takes mail from the mailstore, {@code IP:PORT}
 * @param passthroughRoutes      client ports forwarded to the mailstore, {@code "listen=target"}
 */
public record RelayBundle(String relayName, String relayHostname, int mxPreference, String relayPrivateKey,
                          String mailstorePublicKey, String presharedKey, String relayTunnelAddress,
                          String mailstoreTunnelAddress, int tunnelPrefixLength, int listenPort, List<String> domains,
                          String spoolPublicKey, RelayCredentials credentials, String recipientCacheSalt,
                          String tlsCertificatePem, String tlsPrivateKeyPem, String mailstoreIntake,
                          String outboundListen, List<String> passthroughRoutes) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern LIST_ITEM = Pattern.compile("[^,\\s]+");

    public RelayBundle {
        Objects.requireNonNull(credentials, "credentials");
        require(NAME.matcher(Objects.requireNonNull(relayName, "relayName")).matches(),
                "relay name '" + relayName + "': use letters, digits, '-' or '_' (at most 32)");
        singleLine("relayHostname", relayHostname);
        require(mxPreference >= 0 && mxPreference <= 65535, "MX preference " + mxPreference + " is outside 0..65535");
        key32("relayPrivateKey", relayPrivateKey);
        key32("mailstorePublicKey", mailstorePublicKey);
        key32("presharedKey", presharedKey);
        key32("spoolPublicKey", spoolPublicKey);
        require(IPV4.matcher(Objects.requireNonNull(relayTunnelAddress, "relayTunnelAddress")).matches(),
                "relay tunnel address '" + relayTunnelAddress + "' is not an IPv4 address");
        require(IPV4.matcher(Objects.requireNonNull(mailstoreTunnelAddress, "mailstoreTunnelAddress")).matches(),
                "mailstore tunnel address '" + mailstoreTunnelAddress + "' is not an IPv4 address");
        require(!relayTunnelAddress.equals(mailstoreTunnelAddress), "relay and mailstore need different tunnel addresses");
        require(tunnelPrefixLength >= 8 && tunnelPrefixLength <= 30, "tunnel prefix length " + tunnelPrefixLength + " is outside 8..30");
        require(listenPort >= 1 && listenPort <= 65535, "listen port " + listenPort + " is outside 1..65535");
        domains = items("domains", domains);
        require(!domains.isEmpty(), "a bundle needs at least one mail domain");
        singleLine("credentials.name", credentials.name());
        singleLine("credentials.secret", credentials.secret());
        require(credentials.name().equals(relayName), "the outbound credentials must carry the relay's name");
        require(decode("recipientCacheSalt", recipientCacheSalt).length >= 16, "the recipient-cache salt is shorter than 16 bytes");
        require(Objects.requireNonNull(tlsCertificatePem, "tlsCertificatePem").contains("BEGIN CERTIFICATE"),
                "tlsCertificatePem is not a PEM certificate");
        require(Objects.requireNonNull(tlsPrivateKeyPem, "tlsPrivateKeyPem").contains("PRIVATE KEY"),
                "tlsPrivateKeyPem is not a PEM private key");
        singleLine("mailstoreIntake", mailstoreIntake);
        singleLine("outboundListen", outboundListen);
        passthroughRoutes = items("passthroughRoutes", passthroughRoutes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void singleLine(String field, String value) {
        Objects.requireNonNull(value, field);
        require(!value.isEmpty() && value.indexOf('\n') < 0 && value.indexOf('\r') < 0, field + " must be one non-empty line");
    }

    private static List<String> items(String field, List<String> values) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, field));
        for (String v : copy) {
            require(LIST_ITEM.matcher(v).matches(), field + ": '" + v + "' must not be empty or contain ',' or spaces");
        }
        return copy;
    }

    private static byte[] decode(String field, String base64) {
        Objects.requireNonNull(base64, field);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }

    private static void key32(String field, String base64) {
        require(decode(field, base64).length == 32, field + " is not a 32-byte key in base64");
    }

    /** The secrets stay out of logs and error messages. */
    @Override
    public String toString() {
        return "RelayBundle[relay " + relayName + " (" + relayHostname + ", MX " + mxPreference + ") at "
                + relayTunnelAddress + ", mailstore " + mailstoreTunnelAddress + ", domains " + domains + ", secrets redacted]";
    }
}
