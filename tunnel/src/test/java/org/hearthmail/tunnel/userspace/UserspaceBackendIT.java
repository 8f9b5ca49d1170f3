package org.hearthmail.tunnel.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.TunnelUnavailableException;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.testbed.Cmd;
import org.hearthmail.tunnel.testbed.NetnsPair;
import org.hearthmail.tunnel.testbed.TunnelPair;
import org.hearthmail.tunnel.uapi.UapiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real wireguard-go in two namespaces joined by a veth pair. */
class UserspaceBackendIT {
    private NetnsPair net;
    private UserspaceBackend home;
    private UserspaceBackend relay;
    private final TunnelPair keys = new TunnelPair();

    @BeforeEach
    void setUp() {
        NetnsPair.assumeTestbed();
        net = NetnsPair.create();
        home = new UserspaceBackend(UserspaceOptions.defaults(net.wgA).inNamespace(net.nsA));
        relay = new UserspaceBackend(UserspaceOptions.defaults(net.wgB).inNamespace(net.nsB));
    }

    @AfterEach
    void tearDown() {
        if (home != null) {
            home.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void configAppliedThroughUapiShowsUpInWgShow() throws Exception {
        relay.apply(keys.relay());
        String wgPublicKey = Cmd.run("wg", "show", net.wgB, "public-key").strip();
        assertThat(wgPublicKey).isEqualTo(keys.relayKey.publicKey().toBase64());
        assertThat(Cmd.run("wg", "show", net.wgB, "listen-port").strip()).isEqualTo("51820");
        assertThat(Cmd.run("wg", "show", net.wgB, "allowed-ips").strip())
                .isEqualTo(keys.homeKey.publicKey().toBase64() + "\t10.77.0.2/32");
        assertThat(Cmd.run("wg", "show", net.wgB, "preshared-keys").strip())
                .isEqualTo(keys.homeKey.publicKey().toBase64() + "\t" + keys.psk.toBase64());
        assertThat(Cmd.run("ip", "-n", net.nsB, "-brief", "address", "show", "dev", net.wgB))
                .contains("10.77.0.1/24").contains("UNKNOWN");
        assertThat(Cmd.run("ip", "-n", net.nsB, "link", "show", "dev", net.wgB)).contains("mtu 1420").contains(",UP");
    }

    @Test
    void handshakeCompletesAndPingCrossesTheTunnel() throws Exception {
        relay.apply(keys.relay());
        home.apply(keys.home(1));
        assertThat(net.ping(net.nsA, TunnelPair.RELAY_TUNNEL_IP, 10)).as("ping home -> relay over WireGuard").isTrue();
        assertThat(net.ping(net.nsB, TunnelPair.HOME_TUNNEL_IP, 5)).as("ping relay -> home over WireGuard").isTrue();

        TunnelStatus homeStatus = home.readStatus();
        assertThat(homeStatus.publicKey()).contains(keys.homeKey.publicKey());
        PeerStatus relayPeer = homeStatus.peer(keys.relayKey.publicKey()).orElseThrow();
        assertThat(relayPeer.lastHandshake()).isPresent();
        assertThat(relayPeer.rxBytes()).isPositive();
        assertThat(relayPeer.txBytes()).isPositive();
        assertThat(relayPeer.endpoint()).contains(new InetSocketAddress(NetnsPair.ADDRESS_B, 51820));
        assertThat(relayPeer.hasPresharedKey()).isTrue();
        assertThat(relayPeer.allowedIps()).containsExactly(IpPrefix.parse("10.77.0.1/32"));

        // The relay learned home's endpoint from the handshake (home dials out).
        PeerStatus homePeer = relay.readStatus().peer(keys.homeKey.publicKey()).orElseThrow();
        assertThat(homePeer.endpoint()).get().extracting(a -> a.getAddress().getHostAddress())
                .isEqualTo(NetnsPair.ADDRESS_A);
        assertThat(Cmd.run("wg", "show", net.wgB, "latest-handshakes")).doesNotContain("\t0\n");
    }

    @Test
    void applyingTheSameConfigTwiceKeepsTheTunnelWorking() throws Exception {
        relay.apply(keys.relay());
        relay.apply(keys.relay());
        home.apply(keys.home(1));
        home.apply(keys.home(1));
        assertThat(net.ping(net.nsA, TunnelPair.RELAY_TUNNEL_IP, 10)).isTrue();
        assertThat(relay.readStatus().peers()).hasSize(1);
    }

    @Test
    void closeStopsTheDaemonItStartedAndRemovesItsSocket() throws Exception {
        relay.apply(keys.relay());
        long pid = relay.daemonPid();
        assertThat(pid).isPositive();
        relay.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(UapiClient.socketPath(UapiClient.DEFAULT_SOCKET_DIR, net.wgB))).isFalse();
        assertThatThrownBy(relay::readStatus).isInstanceOf(TunnelUnavailableException.class)
                .hasMessageContaining(net.wgB).hasMessageContaining("not running");
    }

    @Test
    void backendThatMayNotStartDaemonsSaysSoWhenNoneRuns() {
        UserspaceBackend passive = new UserspaceBackend(
                UserspaceOptions.defaults(net.wgA).inNamespace(net.nsA).withStartDaemon(false));
        assertThatThrownBy(() -> passive.apply(keys.home(1)))
                .isInstanceOf(TunnelUnavailableException.class)
                .hasMessageContaining("no wireguard-go is running for " + net.wgA);
        assertThat(List.of(passive.daemonPid())).containsExactly(-1L);
    }
}
