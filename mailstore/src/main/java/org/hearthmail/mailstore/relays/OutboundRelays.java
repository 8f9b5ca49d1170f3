package org.hearthmail.mailstore.relays;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.submission.RelayHandoff;

/**
 * The relays that take outgoing mail and the recipient cache, in the order to try them: the
 * {@code [relay]} of mailstore.toml first (the lowest MX preference when provisioned by
 * {@code relay bundle}), then every other registered relay whose outbound certificate is known, by
 * MX preference. Each is reached at its tunnel address on the outbound port with its own
 * credentials file ({@code keys/relays/NAME.credentials}).
 */
public final class OutboundRelays {
    private OutboundRelays() {
    }

    public static List<RelayHandoff.Target> targets(MailstoreConfig config, Path dataDir, Path keysDir) {
        List<RelayHandoff.Target> out = new ArrayList<>();
        MailstoreConfig.Relay primary = config.relay();
        if (primary.provisioned()) {
            out.add(new RelayHandoff.Target(primary.outbound().socketAddress(), primary.tlsFingerprint(),
                    primary.credentialsIn(dataDir)));
        }
        RelaySecrets secrets = new RelaySecrets(keysDir);
        for (RelayRegistration r : new RelayRegistry(dataDir).all()) {
            boolean isPrimary = primary.provisioned() && r.tunnelAddress().equals(primary.outbound().address());
            if (isPrimary || r.outboundFingerprint().isEmpty()) {
                continue;
            }
            out.add(new RelayHandoff.Target(new InetSocketAddress(r.tunnelAddress(), RelayProvisioner.OUTBOUND_PORT),
                    r.outboundFingerprint(), secrets.credentialsFile(r.name())));
        }
        return List.copyOf(out);
    }
}
