package org.hearthmail.tunnel.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearthmail.status.RunStatus;
import org.hearthmail.tunnel.health.HealthReport;
import org.hearthmail.tunnel.health.PeerHealth;
import org.hearthmail.tunnel.keys.WgPublicKey;

/** Health reports as the status file shows them. */
public final class TunnelStates {
    private TunnelStates() {
    }

    public static RunStatus.TunnelState of(String interfaceName, Optional<HealthReport> report,
                                           Map<WgPublicKey, String> peerNames) {
        if (report.isEmpty()) {
            return new RunStatus.TunnelState(interfaceName, "DOWN", "not checked yet", List.of());
        }
        HealthReport r = report.get();
        List<RunStatus.PeerState> peers = new ArrayList<>();
        for (PeerHealth p : r.peers()) {
            peers.add(new RunStatus.PeerState(peerNames.get(p.peer()), p.peer().toBase64(), p.health().name(),
                    p.lastHandshake().orElse(null),
                    p.endpoint().map(e -> e.getAddress().getHostAddress() + ":" + e.getPort()).orElse(null),
                    p.rxBytes(), p.txBytes()));
        }
        return new RunStatus.TunnelState(r.interfaceName(), r.overall().name(), r.problem().orElse(null), peers);
    }
}
