package org.hearthmail.tunnel.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.TunnelBackend;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.keys.WgPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one tunnel: every poll reads the backend's status, re-applies the config if the device
 * no longer matches it (a restarted wireguard-go comes back with no key and no peers; an
 * unreachable device is re-applied too, which lets a backend that manages its daemon restart it),
 * classifies each configured peer and publishes the report to listeners when health changed.
 */
public final class TunnelSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelSupervisor.class);

    private final TunnelBackend backend;
    private final WgQuickConfig config;
    private final Duration pollInterval;
    private final Clock clock;
    private final HealthClassifier classifier;
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final Object pollLock = new Object();
    private volatile HealthReport current;
    private ScheduledExecutorService executor;

    public TunnelSupervisor(TunnelBackend backend, WgQuickConfig config, HealthThresholds thresholds,
                            Duration pollInterval, Clock clock) {
        this.backend = backend;
        this.config = config;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.classifier = new HealthClassifier(thresholds);
    }

    /** WireGuard's default thresholds, a 5 s poll, the system clock. */
    public TunnelSupervisor(TunnelBackend backend, WgQuickConfig config) {
        this(backend, config, HealthThresholds.WIREGUARD_DEFAULTS, Duration.ofSeconds(5), Clock.systemUTC());
    }

    public void addListener(HealthListener listener) {
        listeners.add(listener);
    }

    /** The latest report, or empty before the first poll. */
    public Optional<HealthReport> current() {
        return Optional.ofNullable(current);
    }

    /** Polls now and then every poll interval on a single daemon thread. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tunnel-supervisor-" + backend.interfaceName());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // Keep the schedule alive: an escaped exception would cancel all further polls.
            LOG.error("{}: supervision poll failed unexpectedly", backend.interfaceName(), e);
        }
    }

    /** One poll: read, repair if needed, classify, publish on change. Returns the new report. */
    public HealthReport poll() {
        synchronized (pollLock) {
            HealthReport report = observe();
            HealthReport previous = current;
            current = report;
            if (report.reapplied() || report.healthDiffers(previous)) {
                LOG.info("{}: tunnel {}{}{}", report.interfaceName(), report.overall(),
                        report.reapplied() ? " after re-applying its config" : "",
                        report.problem().map(p -> " (" + p + ")").orElse(""));
                for (HealthListener l : listeners) {
                    try {
                        l.healthChanged(report);
                    } catch (RuntimeException e) {
                        LOG.warn("{}: health listener {} failed", report.interfaceName(), l, e);
                    }
                }
            }
            return report;
        }
    }

    private HealthReport observe() {
        Instant now = clock.instant();
        TunnelStatus status;
        boolean reapplied = false;
        try {
            status = backend.readStatus();
            if (!matchesConfig(status)) {
                LOG.info("{}: device does not match its config (restarted?); re-applying", backend.interfaceName());
                reapplied = true;
                backend.apply(config);
                status = backend.readStatus();
            }
        } catch (TunnelException first) {
            try {
                LOG.info("{}: device unreachable ({}); re-applying its config", backend.interfaceName(), first.getMessage());
                reapplied = true;
                backend.apply(config);
                status = backend.readStatus();
            } catch (TunnelException e) {
                return down(now, e.getMessage());
            }
        }
        return classify(status, now, reapplied);
    }

    private HealthReport classify(TunnelStatus status, Instant now, boolean reapplied) {
        List<PeerHealth> peers = new ArrayList<>();
        TunnelHealth overall = config.peers().isEmpty() ? TunnelHealth.DOWN : TunnelHealth.UP;
        for (PeerSection p : config.peers()) {
            Optional<PeerStatus> seen = status.peer(p.publicKey());
            PeerHealth h = seen.map(s -> classifier.classify(s, now)).orElseGet(() -> classifier.missing(p.publicKey()));
            peers.add(h);
            overall = overall.worst(h.health());
        }
        Optional<String> problem = config.peers().isEmpty() ? Optional.of("no peers configured") : Optional.empty();
        return new HealthReport(status.interfaceName(), now, overall, peers, problem, reapplied);
    }

    private HealthReport down(Instant now, String problem) {
        List<PeerHealth> peers = new ArrayList<>();
        for (PeerSection p : config.peers()) {
            peers.add(classifier.missing(p.publicKey()));
        }
        return new HealthReport(backend.interfaceName(), now, TunnelHealth.DOWN, peers, Optional.of(problem), false);
    }

    /** Same key, same listen port (when fixed) and the same set of peers. */
    boolean matchesConfig(TunnelStatus status) {
        if (!status.publicKey().equals(Optional.of(config.iface().privateKey().publicKey()))) {
            return false;
        }
        if (config.iface().listenPort().isPresent() && config.iface().listenPort().getAsInt() != 0
                && !config.iface().listenPort().equals(status.listenPort())) {
            return false;
        }
        Set<WgPublicKey> want = new HashSet<>();
        config.peers().forEach(p -> want.add(p.publicKey()));
        Set<WgPublicKey> have = new HashSet<>();
        status.peers().forEach(p -> have.add(p.publicKey()));
        return want.equals(have);
    }

    /** Stops polling; does not close the backend, which the caller owns. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("{}: supervisor thread did not stop within 5 s", backend.interfaceName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
