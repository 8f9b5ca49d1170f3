package org.hearthmail.e2e.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testbed's own promises: the routing it builds, and that closing it leaves nothing behind. */
class TestbedTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() {
        Testbed.assumeAvailable();
    }

    private static List<String> namespaces() {
        return Exec.run(List.of("ip", "netns", "list")).requireOk().stdout().lines()
                .map(l -> l.split(" ", 2)[0]).toList();
    }

    @Test
    void onlyTheVpsReachesTheLinkAndInternetConnectionsLeaveFromTheClientAddress() {
        try (Testbed tb = Testbed.create(dir, new DirectVethLink())) {
            StartedProcess listener = tb.start(tb.home, "listener", List.of("python3", "-c",
                    "import socket,sys\ns=socket.create_server(('10.77.0.2',7000))\nc,a=s.accept()\nprint(a[0],flush=True)"));
            tb.vps.awaitListening(Addresses.MAILSTORE_TUNNEL, 7000, java.time.Duration.ofSeconds(30), listener);
            assertThat(tb.internet.connects(Addresses.MAILSTORE_TUNNEL, 7000, 3)).isFalse();
            assertThat(tb.internet.connects(Addresses.HOME, 7000, 3)).isFalse();
            // The router forwards between the public addresses; only the link reaches 10.77.0.2.
            assertThat(tb.vps.exec("ping", "-n", "-q", "-c", "1", "-W", "5", Addresses.HOME).ok()).isTrue();
            assertThat(tb.internet.exec("ping", "-n", "-q", "-c", "1", "-W", "5", Addresses.VPS).stdout())
                    .contains("1 received");
            StartedProcess echo = tb.start(tb.vps, "vps-listener", List.of("python3", "-c",
                    "import socket\ns=socket.create_server(('203.0.113.10',7001))\nc,a=s.accept()\nprint(a[0],flush=True)"));
            tb.internet.awaitListening(Addresses.VPS, 7001, java.time.Duration.ofSeconds(30), echo);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (echo.alive() && System.nanoTime() < deadline) {
                Netns.sleep(java.time.Duration.ofMillis(100));
            }
            assertThat(echo.logText().strip()).isEqualTo(Addresses.CLIENT);
        }
    }

    @Test
    void closingStopsItsProcessesAndDeletesNamespacesAndResolvConf() {
        Testbed tb = Testbed.create(dir, new DirectVethLink());
        StartedProcess sleeper = tb.start(tb.home, "sleeper", List.of("sleep", "300"));
        List<String> names = List.of(tb.internet.name(), tb.vps.name(), tb.home.name());
        assertThat(namespaces()).containsAll(names);
        assertThat(Path.of("/etc/netns", tb.home.name(), "resolv.conf")).content().contains("nameserver " + Addresses.DNS);
        tb.close();
        assertThat(sleeper.alive()).isFalse();
        assertThat(namespaces()).doesNotContainAnyElementsOf(names);
        for (String n : names) {
            assertThat(Files.exists(Path.of("/etc/netns", n))).as("/etc/netns/" + n).isFalse();
        }
    }

    @Test
    void aSetUpThatFailsHalfwayLeavesNoNamespaceBehind() {
        List<String> before = namespaces();
        VpsHomeLink broken = new VpsHomeLink() {
            @Override
            public void connect(Netns vps, Netns home) {
                throw new TestbedException("link refused to come up");
            }

            @Override
            public String describe() {
                return "a link that fails";
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> Testbed.create(dir, broken)).hasMessageContaining("link refused to come up");
        assertThat(namespaces().stream().filter(n -> !before.contains(n) && n.matches("(internet|vps|home)-[0-9a-f]{6}")))
                .isEmpty();
    }
}
