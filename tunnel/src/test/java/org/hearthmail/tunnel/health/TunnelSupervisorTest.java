package org.hearthmail.tunnel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.TunnelBackend;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.TunnelUnavailableException;
import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.junit.jupiter.api.Test;

/** The supervisor's decisions, against a backend that is just data (logic only; see TunnelSupervisorIT). */
class TunnelSupervisorTest {
    private static final WgPrivateKey OWN = WgPrivateKey.generate();
    private static final WgPrivateKey PEER = WgPrivateKey.generate();
    private static final WgQuickConfig CONFIG = new WgQuickConfig(InterfaceSection.builder(OWN).build(),
            List.of(PeerSection.builder(PEER.publicKey()).allowedIp("10.77.0.1/32").build()));
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    /** A device in memory: running or not, configured or empty, with a fixed handshake time. */
    private static final class MemoryBackend implements TunnelBackend {
        boolean running = true;
        boolean canStart = true;
        boolean configured;
        int applies;
        Instant handshake = NOW.minusSeconds(10);

        @Override
        public String interfaceName() {
            return "hm0";
        }

        @Override
        public void apply(WgQuickConfig config) throws TunnelException {
            if (!running && !canStart) {
                throw new TunnelUnavailableException("hm0 is not running");
            }
            running = true;
            configured = true;
            applies++;
        }

        @Override
        public TunnelStatus readStatus() throws TunnelException {
            if (!running) {
                throw new TunnelUnavailableException("hm0 is not running");
            }
            if (!configured) {
                return new TunnelStatus("hm0", Optional.empty(), OptionalInt.empty(), List.of());
            }
            return new TunnelStatus("hm0", Optional.of(OWN.publicKey()), OptionalInt.of(51820), List.of(
                    new PeerStatus(PEER.publicKey(), Optional.empty(), Optional.of(handshake), 100, 100,
                            OptionalInt.empty(), List.of(), false)));
        }

        @Override
        public void close() {
        }
    }

    private static TunnelSupervisor supervisor(MemoryBackend backend) {
        return new TunnelSupervisor(backend, CONFIG, HealthThresholds.WIREGUARD_DEFAULTS, Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void emptyDeviceGetsTheConfigAppliedAndReportsUp() {
        MemoryBackend backend = new MemoryBackend();
        HealthReport report = supervisor(backend).poll();
        assertThat(backend.applies).isEqualTo(1);
        assertThat(report.reapplied()).isTrue();
        assertThat(report.overall()).isEqualTo(TunnelHealth.UP);
    }

    @Test
    void matchingDeviceIsLeftAlone() {
        MemoryBackend backend = new MemoryBackend();
        backend.configured = true;
        TunnelSupervisor s = supervisor(backend);
        s.poll();
        s.poll();
        assertThat(backend.applies).isZero();
    }

    @Test
    void unreachableDeviceThatCannotBeRestartedIsDownWithTheReason() {
        MemoryBackend backend = new MemoryBackend();
        backend.running = false;
        backend.canStart = false;
        HealthReport report = supervisor(backend).poll();
        assertThat(report.overall()).isEqualTo(TunnelHealth.DOWN);
        assertThat(report.problem()).contains("hm0 is not running");
        assertThat(report.peers()).singleElement().extracting(PeerHealth::health).isEqualTo(TunnelHealth.DOWN);
    }

    @Test
    void listenersHearChangesOnlyAndAFailingListenerDoesNotStopOthers() {
        MemoryBackend backend = new MemoryBackend();
        backend.configured = true;
        TunnelSupervisor s = supervisor(backend);
        List<TunnelHealth> heard = new ArrayList<>();
        s.addListener(r -> {
            throw new IllegalStateException("listener bug");
        });
        s.addListener(r -> heard.add(r.overall()));
        s.poll();
        s.poll();
        backend.handshake = NOW.minusSeconds(160);
        s.poll();
        backend.handshake = NOW.minusSeconds(200);
        s.poll();
        s.poll();
        assertThat(heard).containsExactly(TunnelHealth.UP, TunnelHealth.STALE, TunnelHealth.DOWN);
    }
}
