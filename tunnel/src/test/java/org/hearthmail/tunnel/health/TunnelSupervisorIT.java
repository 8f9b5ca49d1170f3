package org.hearthmail.tunnel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hearthmail.tunnel.testbed.NetnsPair;
import org.hearthmail.tunnel.testbed.TunnelPair;
import org.hearthmail.tunnel.uapi.UapiClient;
import org.hearthmail.tunnel.userspace.UserspaceBackend;
import org.hearthmail.tunnel.userspace.UserspaceOptions;
import org.hearthmail.tunnel.userspace.WireguardGoProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Supervision against real wireguard-go: home (namespace A) dials the relay (namespace B), both
 * with 1 s keepalives, thresholds 2 s / 4 s so that the test runs in seconds.
 */
class TunnelSupervisorIT {
    private static final HealthThresholds FAST = new HealthThresholds(Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TunnelPair keys = new TunnelPair();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private NetnsPair net;
    private WireguardGoProcess homeDaemon;

    @BeforeEach
    void setUp() {
        NetnsPair.assumeTestbed();
        net = NetnsPair.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        if (homeDaemon != null) {
            homeDaemon.stop();
        }
        if (net != null) {
            net.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(resource);
        return resource;
    }

    private TunnelSupervisor supervise(UserspaceBackend backend, org.hearthmail.tunnel.config.WgQuickConfig config,
                                       List<TunnelHealth> seen) {
        TunnelSupervisor s = closeLater(new TunnelSupervisor(backend, config, FAST, POLL, Clock.systemUTC()));
        s.addListener(r -> seen.add(r.overall()));
        s.start();
        return s;
    }

    private static void awaitHealth(TunnelSupervisor s, TunnelHealth want) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (s.current().map(r -> r.overall() == want).orElse(false)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("health did not become " + want + " within " + WAIT + "; last report "
                + s.current().orElse(null));
    }

    private static void kill(long pid) throws InterruptedException {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly(); // SIGKILL: a crash, no clean-up by wireguard-go
        p.onExit().completeOnTimeout(null, 5, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Test
    void healthGoesDownWhenHomeDaemonIsKilledAndUpWhenItReturns() throws Exception {
        UserspaceOptions homeOptions = UserspaceOptions.defaults(net.wgA).inNamespace(net.nsA).withStartDaemon(false);
        UapiClient homeUapi = new UapiClient(homeOptions.socketDir(), net.wgA, homeOptions.timeout());
        // The daemon is run from outside, as systemd would; the supervisor only configures it.
        homeDaemon = WireguardGoProcess.start(homeOptions, homeUapi);
        UserspaceBackend home = closeLater(new UserspaceBackend(homeOptions));
        UserspaceBackend relay = closeLater(new UserspaceBackend(UserspaceOptions.defaults(net.wgB).inNamespace(net.nsB)));
        relay.apply(keys.relay(1));

        List<TunnelHealth> homeSeen = Collections.synchronizedList(new ArrayList<>());
        List<TunnelHealth> relaySeen = Collections.synchronizedList(new ArrayList<>());
        // Home's fresh daemon has no config: the supervisor must apply it on its first poll.
        TunnelSupervisor homeSup = supervise(home, keys.home(1), homeSeen);
        TunnelSupervisor relaySup = supervise(relay, keys.relay(1), relaySeen);
        awaitHealth(homeSup, TunnelHealth.UP);
        awaitHealth(relaySup, TunnelHealth.UP);
        assertThat(net.ping(net.nsA, TunnelPair.RELAY_TUNNEL_IP, 5)).isTrue();

        kill(homeDaemon.pid());
        awaitHealth(homeSup, TunnelHealth.DOWN);
        assertThat(homeSup.current().orElseThrow().problem()).get().asString().contains(net.wgA);
        awaitHealth(relaySup, TunnelHealth.DOWN);

        homeDaemon.stop(); // reap the killed process
        homeDaemon = WireguardGoProcess.start(homeOptions, homeUapi);
        awaitHealth(homeSup, TunnelHealth.UP);
        awaitHealth(relaySup, TunnelHealth.UP);
        assertThat(net.ping(net.nsA, TunnelPair.RELAY_TUNNEL_IP, 5)).as("tunnel carries traffic again").isTrue();

        // The relay starts DOWN (no handshake yet), and may pass through STALE while home is silent.
        assertThat(relaySeen).containsSubsequence(TunnelHealth.UP, TunnelHealth.DOWN, TunnelHealth.UP)
                .endsWith(TunnelHealth.UP);
        assertThat(homeSeen.subList(homeSeen.indexOf(TunnelHealth.UP), homeSeen.size()))
                .containsSubsequence(TunnelHealth.UP, TunnelHealth.DOWN, TunnelHealth.UP);
    }

    @Test
    void backendThatOwnsItsDaemonIsRestartedBySupervision() throws Exception {
        UserspaceBackend home = closeLater(new UserspaceBackend(UserspaceOptions.defaults(net.wgA).inNamespace(net.nsA)));
        UserspaceBackend relay = closeLater(new UserspaceBackend(UserspaceOptions.defaults(net.wgB).inNamespace(net.nsB)));
        relay.apply(keys.relay(1));
        home.apply(keys.home(1));
        List<HealthReport> reports = Collections.synchronizedList(new ArrayList<>());
        TunnelSupervisor homeSup = closeLater(new TunnelSupervisor(home, keys.home(1), FAST, POLL, Clock.systemUTC()));
        homeSup.addListener(reports::add);
        homeSup.start();
        awaitHealth(homeSup, TunnelHealth.UP);
        long firstPid = home.daemonPid();

        kill(firstPid);
        // The poll that finds the daemon gone restarts it and re-applies the config; over a veth
        // the new handshake often completes within that same poll, so health may never read DOWN.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reports.stream().noneMatch(HealthReport::reapplied) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reports).as("a report announcing the re-applied config").anyMatch(HealthReport::reapplied);
        awaitHealth(homeSup, TunnelHealth.UP);
        assertThat(home.daemonPid()).isPositive().isNotEqualTo(firstPid);
        assertThat(net.ping(net.nsA, TunnelPair.RELAY_TUNNEL_IP, 5)).isTrue();
    }
}
