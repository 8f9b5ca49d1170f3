package org.hearthmail.tunnel.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hearthmail.status.RunStatus;
import org.hearthmail.tunnel.BackendSelector;
import org.hearthmail.tunnel.HostProbe;
import org.hearthmail.tunnel.TunnelBackend;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.health.HealthListener;
import org.hearthmail.tunnel.health.HealthReport;
import org.hearthmail.tunnel.health.HealthThresholds;
import org.hearthmail.tunnel.health.TunnelHealth;
import org.hearthmail.tunnel.health.TunnelSupervisor;
import org.hearthmail.tunnel.keys.WgPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One WireGuard interface brought up for the life of a program, with its health supervisor. */
public final class RunningTunnel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningTunnel.class);
    /** How often the supervisor reads the device: often enough for status, cheap over UAPI. */
    public static final Duration POLL = Duration.ofSeconds(2);

    private final TunnelBackend backend;
    private final TunnelSupervisor supervisor;
    private final Map<WgPublicKey, String> peerNames;

    private RunningTunnel(TunnelBackend backend, TunnelSupervisor supervisor, Map<WgPublicKey, String> peerNames) {
        this.backend = backend;
        this.supervisor = supervisor;
        this.peerNames = Map.copyOf(peerNames);
    }

    /**
     * Opens the backend this host supports, applies {@code config} and starts supervision.
     *
     * @param peerNames a readable name per peer key, for status output
     * @throws TunnelException if no backend is usable (the message says what to install) or the
     *                         config cannot be applied; nothing is left running then
     */
    public static RunningTunnel start(String interfaceName, WgQuickConfig config, HealthThresholds thresholds,
                                      Map<WgPublicKey, String> peerNames) throws TunnelException {
        TunnelBackend backend = new BackendSelector(HostProbe.system()).open(interfaceName);
        try {
            backend.apply(config);
        } catch (TunnelException | RuntimeException e) {
            closeQuietly(backend, e);
            throw e;
        }
        TunnelSupervisor supervisor = new TunnelSupervisor(backend, config, thresholds, POLL, Clock.systemUTC());
        log.info("{}: tunnel up at {} with {} peer(s); health thresholds stale {} s, down {} s", interfaceName,
                config.iface().addresses(), config.peers().size(), thresholds.staleAfter().toSeconds(),
                thresholds.downAfter().toSeconds());
        return new RunningTunnel(backend, supervisor, peerNames);
    }

    /** Listeners hear each health change on the supervisor's thread; add them before {@link #supervise()}. */
    public void addListener(HealthListener listener) {
        supervisor.addListener(listener);
    }

    /** Starts the periodic health polls. */
    public void supervise() {
        supervisor.start();
    }

    public String interfaceName() {
        return backend.interfaceName();
    }

    /** The whole tunnel's health; DOWN before the first poll. */
    public TunnelHealth health() {
        return supervisor.current().map(HealthReport::overall).orElse(TunnelHealth.DOWN);
    }

    public Optional<HealthReport> report() {
        return supervisor.current();
    }

    /** The status file's view of the latest report. */
    public RunStatus.TunnelState state() {
        return TunnelStates.of(interfaceName(), supervisor.current(), peerNames);
    }

    private static void closeQuietly(TunnelBackend backend, Exception cause) {
        try {
            backend.close();
        } catch (TunnelException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Stops supervising, then stops the daemon this process started (which removes the interface). */
    @Override
    public void close() {
        supervisor.close();
        try {
            backend.close();
        } catch (TunnelException e) {
            log.warn("{}: tunnel teardown failed: {}", backend.interfaceName(), e.getMessage());
        }
    }
}
