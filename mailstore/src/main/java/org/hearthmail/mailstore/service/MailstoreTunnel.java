package org.hearthmail.mailstore.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.relays.RelayRegistration;
import org.hearthmail.mailstore.relays.RelaySecrets;
import org.hearthmail.tunnel.config.Endpoint;
import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.health.HealthThresholds;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * The home end of the tunnel as a wg-quick config: this mailstore's key and address, one peer per
 * provisioned relay (its endpoint, its tunnel address as the only allowed IP, the preshared key and
 * a persistent keepalive, since home dials out and has no open port).
 */
final class MailstoreTunnel {
    private MailstoreTunnel() {
    }

    static WgQuickConfig config(Path dataDir, Path keysDir, MailstoreConfig.Tunnel t, List<RelayRegistration> relays) {
        InterfaceSection iface = InterfaceSection.builder(privateKey(t.privateKeyIn(dataDir))).address(t.address()).build();
        RelaySecrets secrets = new RelaySecrets(keysDir);
        List<PeerSection> peers = new ArrayList<>();
        for (RelayRegistration r : relays) {
            PeerSection.Builder p = PeerSection.builder(WgPublicKey.fromBase64(r.wireguardPublicKey()))
                    .allowedIp(r.tunnelAddress().getHostAddress() + "/32")
                    .endpoint(new Endpoint(r.endpointHost(), r.endpointPort()))
                    // WireGuard whitepaper §6.5: persistent keepalive keeps a NAT mapping open; 25 s is its advice.
                    .persistentKeepalive(t.keepaliveSeconds());
            secrets.presharedKey(r.name()).ifPresent(k -> p.presharedKey(WgPresharedKey.fromBase64(k)));
            peers.add(p.build());
        }
        return new WgQuickConfig(iface, peers);
    }

    static Map<WgPublicKey, String> names(List<RelayRegistration> relays) {
        Map<WgPublicKey, String> m = new HashMap<>();
        relays.forEach(r -> m.put(WgPublicKey.fromBase64(r.wireguardPublicKey()), r.name()));
        return m;
    }

    static HealthThresholds thresholds(MailstoreConfig.Tunnel t) {
        return new HealthThresholds(Duration.ofSeconds(t.staleAfterSeconds()), Duration.ofSeconds(t.downAfterSeconds()));
    }

    private static WgPrivateKey privateKey(Path file) {
        try {
            return WgPrivateKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException(MailstoreConfig.FILE_NAME + ": tunnel.private_key: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
