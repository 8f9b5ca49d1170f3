package org.hearthmail.tunnel.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.keys.WgPublicKey;
import org.junit.jupiter.api.Test;

class HealthClassifierTest {
    private static final WgPublicKey PEER = WgPrivateKey.generate().publicKey();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static PeerStatus status(Instant handshake, long rx) {
        return new PeerStatus(PEER, Optional.empty(), Optional.ofNullable(handshake), rx, 0,
                OptionalInt.empty(), List.of(), false);
    }

    @Test
    void wireguardDefaultsFollowRekeyAndRejectTimers() {
        HealthClassifier c = new HealthClassifier(HealthThresholds.WIREGUARD_DEFAULTS);
        assertThat(c.classify(status(T0, 0), T0.plusSeconds(119)).health()).isEqualTo(TunnelHealth.UP);
        assertThat(c.classify(status(T0, 0), T0.plusSeconds(149)).health()).isEqualTo(TunnelHealth.UP);
        assertThat(c.classify(status(T0, 0), T0.plusSeconds(150)).health()).isEqualTo(TunnelHealth.STALE);
        assertThat(c.classify(status(T0, 0), T0.plusSeconds(179)).health()).isEqualTo(TunnelHealth.STALE);
        assertThat(c.classify(status(T0, 0), T0.plusSeconds(180)).health()).isEqualTo(TunnelHealth.DOWN);
    }

    @Test
    void peerThatNeverHandshookIsDown() {
        HealthClassifier c = new HealthClassifier(HealthThresholds.WIREGUARD_DEFAULTS);
        PeerHealth h = c.classify(status(null, 0), T0);
        assertThat(h.health()).isEqualTo(TunnelHealth.DOWN);
        assertThat(h.silence(T0)).isEmpty();
    }

    @Test
    void growingReceiveCounterKeepsAnOldHandshakeUp() {
        HealthClassifier c = new HealthClassifier(new HealthThresholds(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        assertThat(c.classify(status(T0, 100), T0.plusSeconds(1)).health()).isEqualTo(TunnelHealth.UP);
        assertThat(c.classify(status(T0, 200), T0.plusSeconds(10)).health()).isEqualTo(TunnelHealth.UP);
        assertThat(c.classify(status(T0, 300), T0.plusSeconds(11)).lastSignOfLife()).contains(T0.plusSeconds(11));
        // Counter stops: silence is measured from the last growth.
        assertThat(c.classify(status(T0, 300), T0.plusSeconds(13)).health()).isEqualTo(TunnelHealth.STALE);
        assertThat(c.classify(status(T0, 300), T0.plusSeconds(15)).health()).isEqualTo(TunnelHealth.DOWN);
    }

    @Test
    void shrinkingCounterMeansARebuiltDeviceAndForgetsEarlierGrowth() {
        HealthClassifier c = new HealthClassifier(new HealthThresholds(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        c.classify(status(T0, 100), T0);
        c.classify(status(T0, 200), T0.plusSeconds(9));
        assertThat(c.classify(status(null, 0), T0.plusSeconds(10)).health()).isEqualTo(TunnelHealth.DOWN);
    }

    @Test
    void missingPeerIsDownAndThresholdsMustBeOrdered() {
        HealthClassifier c = new HealthClassifier(HealthThresholds.WIREGUARD_DEFAULTS);
        assertThat(c.missing(PEER).health()).isEqualTo(TunnelHealth.DOWN);
        assertThatThrownBy(() -> new HealthThresholds(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("staleAfter < downAfter");
        assertThat(TunnelHealth.UP.worst(TunnelHealth.STALE)).isEqualTo(TunnelHealth.STALE);
        assertThat(TunnelHealth.DOWN.worst(TunnelHealth.UP)).isEqualTo(TunnelHealth.DOWN);
    }
}
