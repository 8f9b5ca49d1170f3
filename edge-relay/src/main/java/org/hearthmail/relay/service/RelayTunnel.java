package org.hearthmail.relay.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.health.HealthThresholds;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.keys.WgPublicKey;

/**
 * The relay's end of the tunnel as a wg-quick config: it listens on its public port and has one
 * peer, the mailstore, with no endpoint (home dials in and WireGuard learns it, whitepaper §2.1
 * "roaming") and only the mailstore's tunnel address allowed.
 */
final class RelayTunnel {
    private RelayTunnel() {
    }

    static WgQuickConfig config(Path dataDir, RelayConfig.Tunnel t) {
        InterfaceSection iface = InterfaceSection.builder(WgPrivateKey.fromBase64(read(dataDir, t.privateKey(), "private_key")))
                .address(t.address()).listenPort(t.listenPort()).build();
        PeerSection peer = PeerSection.builder(WgPublicKey.fromBase64(t.mailstorePublicKey()))
                .presharedKey(WgPresharedKey.fromBase64(read(dataDir, t.presharedKey(), "preshared_key")))
                .allowedIp(t.mailstoreAddress() + "/32")
                // Home's endpoint is learnt from its first packet; from then on the relay keeps the path alive too.
                .persistentKeepalive(t.keepaliveSeconds()).build();
        return new WgQuickConfig(iface, List.of(peer));
    }

    static Map<WgPublicKey, String> names(RelayConfig.Tunnel t) {
        return Map.of(WgPublicKey.fromBase64(t.mailstorePublicKey()), "mailstore");
    }

    static HealthThresholds thresholds(RelayConfig.Tunnel t) {
        return new HealthThresholds(Duration.ofSeconds(t.staleAfterSeconds()), Duration.ofSeconds(t.downAfterSeconds()));
    }

    private static String read(Path dataDir, Path file, String key) {
        Path f = dataDir.resolve(file);
        try {
            return Files.readString(f, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": tunnel." + key + ": cannot read " + f + ": "
                    + e.getMessage(), e);
        }
    }
}
