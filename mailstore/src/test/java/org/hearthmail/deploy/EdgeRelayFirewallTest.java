package org.hearthmail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/nftables/edge-relay.nft, loaded into a throw-away "vps" network namespace joined by a veth
 * pair (TEST-NET-3, 203.0.113.0/24) to a "client" namespace: real sockets show which ports the
 * internet can reach. Both namespaces and every process are removed after each test, by name and PID.
 */
@Timeout(180)
class EdgeRelayFirewallTest {
    private static final String VPS_ADDRESS = "203.0.113.1";
    private static final String CLIENT_ADDRESS = "203.0.113.2";

    private final NetnsBed bed = new NetnsBed();
    private String vps;
    private String client;

    @BeforeEach
    void namespaces() {
        NetnsBed.assumeTools();
        vps = bed.namespace("vps");
        client = bed.namespace("cli");
        bed.link(vps, null, VPS_ADDRESS + "/24", client, null, CLIENT_ADDRESS + "/24");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        bed.close();
    }

    private static Path ruleset() {
        return Program.repoRoot().resolve("deploy/nftables/edge-relay.nft");
    }

    @Test
    void rulesetPassesNftCheckInAThrowAwayNamespace() {
        Program.Outcome o = Program.run(List.of(NetnsBed.IP, "netns", "exec", vps, NetnsBed.NFT, "-c", "-f", ruleset().toString()), 30);
        assertThat(o.exit()).as(o.all()).isZero();
    }

    @Test
    void onlyMailPortsAndWireguardAreReachableFromTheInternet() throws IOException {
        String[] ports = {"tcp:25", "tcp:465", "tcp:587", "tcp:993", "tcp:10025", "tcp:22", "tcp:2526",
            "udp:51820", "udp:5353"};
        bed.serve(vps, ports);
        // Without the ruleset everything answers: the probe can tell open from filtered.
        assertThat(bed.probe(client, VPS_ADDRESS, "tcp:10025", "tcp:22")).containsEntry("tcp:10025", "open")
                .containsEntry("tcp:22", "open");

        bed.exec(vps, NetnsBed.NFT, "-f", ruleset().toString());
        // Loading again replaces the table instead of adding a second one.
        bed.exec(vps, NetnsBed.NFT, "-f", ruleset().toString());
        assertThat(bed.exec(vps, NetnsBed.NFT, "list", "tables").strip())
                .isEqualTo("table inet hearthmail_relay");

        Map<String, String> states = bed.probe(client, VPS_ADDRESS, ports);
        assertThat(states).containsEntry("tcp:25", "open").containsEntry("tcp:465", "open")
                .containsEntry("tcp:587", "open").containsEntry("tcp:993", "open")
                .containsEntry("udp:51820", "open")
                .containsEntry("tcp:10025", "filtered").containsEntry("tcp:22", "filtered")
                // the outbound listener is reachable only through the tunnel interface
                .containsEntry("tcp:2526", "filtered")
                .containsEntry("udp:5353", "filtered");
        assertThat(Program.run(List.of(NetnsBed.IP, "netns", "exec", client, "ping", "-n", "-q", "-c", "1", "-W", "2", VPS_ADDRESS), 30)
                .exit()).as("ICMP echo is allowed").isZero();
    }

    @Test
    void theMailstoreReachesTheOutboundListenerOnlyThroughTheTunnelInterface() throws IOException {
        // A stand-in for the WireGuard interface: a veth pair named like it (hm0) on the tunnel network.
        bed.link(vps, "hm0", "10.77.0.1/24", client, "hm0", "10.77.0.2/24");
        bed.exec(vps, NetnsBed.NFT, "-f", ruleset().toString());
        bed.serve(vps, "tcp:2526", "tcp:10025");
        assertThat(bed.probe(client, "10.77.0.1", "tcp:2526", "tcp:10025")).containsEntry("tcp:2526", "open")
                .containsEntry("tcp:10025", "filtered");
        assertThat(bed.probe(client, VPS_ADDRESS, "tcp:2526")).containsEntry("tcp:2526", "filtered");
    }

    @Test
    void repliesToTheRelaysOwnConnectionsComeBackIn() throws IOException {
        bed.exec(vps, NetnsBed.NFT, "-f", ruleset().toString());
        bed.serve(client, "tcp:8080");
        // The SYN-ACK from the remote side is let in only by "ct state established,related".
        assertThat(bed.probe(vps, CLIENT_ADDRESS, "tcp:8080")).containsEntry("tcp:8080", "open");
    }
}
