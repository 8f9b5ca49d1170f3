package org.hearthmail.tunnel.testbed;

import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;

/**
 * Matching configs for a home side (A, 10.77.0.2, dials out with keepalive) and a relay side
 * (B, 10.77.0.1, listens on 51820 and learns home's endpoint), as in DESIGN.md.
 */
public final class TunnelPair {
    public static final String HOME_TUNNEL_IP = "10.77.0.2";
    public static final String RELAY_TUNNEL_IP = "10.77.0.1";
    public static final int RELAY_PORT = 51820;

    public final WgPrivateKey homeKey = WgPrivateKey.generate();
    public final WgPrivateKey relayKey = WgPrivateKey.generate();
    public final WgPresharedKey psk = WgPresharedKey.generate();

    public WgQuickConfig home(int keepaliveSeconds) {
        return new WgQuickConfig(
                InterfaceSection.builder(homeKey).address(HOME_TUNNEL_IP + "/24").build(),
                java.util.List.of(PeerSection.builder(relayKey.publicKey())
                        .presharedKey(psk)
                        .allowedIp(RELAY_TUNNEL_IP + "/32")
                        .endpoint(NetnsPair.ADDRESS_B + ":" + RELAY_PORT)
                        .persistentKeepalive(keepaliveSeconds)
                        .build()));
    }

    public WgQuickConfig relay() {
        return relay(0);
    }

    /** @param keepaliveSeconds 0 for none; once the relay has learned home's endpoint it keeps it alive too */
    public WgQuickConfig relay(int keepaliveSeconds) {
        PeerSection.Builder peer = PeerSection.builder(homeKey.publicKey())
                .presharedKey(psk)
                .allowedIp(HOME_TUNNEL_IP + "/32");
        if (keepaliveSeconds > 0) {
            peer.persistentKeepalive(keepaliveSeconds);
        }
        return new WgQuickConfig(
                InterfaceSection.builder(relayKey).address(RELAY_TUNNEL_IP + "/24").listenPort(RELAY_PORT).build(),
                java.util.List.of(peer.build()));
    }
}
