package org.hearthmail.mailstore.relays;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provisioned relay.
 *
 * @param name             short identifier chosen at provisioning ({@code vps1}); the file name
 * @param hostname         the relay's public MX host name (its EHLO name and PTR target)
 * @param mxPreference     RFC 5321 §5.1 MX preference published for it (10, 20, ...)
 * @param endpointHost     its public address or host name, where WireGuard listens
 * @param endpointPort     its WireGuard UDP port
 * @param publicAddresses  its public (egress) IP addresses, IPv4 and/or IPv6 (the endpoint when it is a
 *                         literal, or those given with {@code --public-address}); empty when unknown
 * @param wireguardPublicKey its WireGuard public key (base64)
 * @param tunnelAddress    its address inside the tunnel (10.77.0.x)
 * @param outboundFingerprint SHA-256 of its outbound listener's certificate (64 lower-case hex digits),
 *                         pinned for the hand-off of outgoing mail; empty for registrations made
 *                         before it was recorded (that relay then takes no hand-off unless it is [relay])
 */
public record RelayRegistration(String name, String hostname, int mxPreference, String endpointHost, int endpointPort,
        List<InetAddress> publicAddresses, String wireguardPublicKey, InetAddress tunnelAddress, String outboundFingerprint) {

    /** A registration without the outbound certificate's fingerprint. */
    public RelayRegistration(String name, String hostname, int mxPreference, String endpointHost, int endpointPort,
            List<InetAddress> publicAddresses, String wireguardPublicKey, InetAddress tunnelAddress) {
        this(name, hostname, mxPreference, endpointHost, endpointPort, publicAddresses, wireguardPublicKey, tunnelAddress, "");
    }

    /** Names are file names: letters, digits, '-' and '_', at most 32 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    public RelayRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(endpointHost, "endpointHost");
        Objects.requireNonNull(wireguardPublicKey, "wireguardPublicKey");
        Objects.requireNonNull(tunnelAddress, "tunnelAddress");
        publicAddresses = List.copyOf(publicAddresses);
        Objects.requireNonNull(outboundFingerprint, "outboundFingerprint");
        if (!outboundFingerprint.isEmpty() && !outboundFingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("outbound certificate fingerprint must be 64 lower-case hex digits");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("relay name '" + name + "': use letters, digits, '-' or '_' (at most 32)");
        }
        if (mxPreference < 0 || mxPreference > 65535) {
            throw new IllegalArgumentException("MX preference " + mxPreference + " is outside 0..65535 (RFC 1035 §3.3.9)");
        }
        if (endpointPort < 1 || endpointPort > 65535) {
            throw new IllegalArgumentException("endpoint port " + endpointPort + " is outside 1..65535");
        }
    }
}
