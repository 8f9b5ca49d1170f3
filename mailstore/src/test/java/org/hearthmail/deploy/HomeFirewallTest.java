package org.hearthmail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/nftables/mailstore.nft in a throw-away "home" namespace with two links: the home network
 * (TEST-NET-1, a "lan" namespace whose route sends 10.77.0.0/24 to the home box) and a stand-in for
 * the WireGuard interface (a veth named hm0 to a "relay" namespace on the tunnel network). The
 * mailstore's tunnel address must answer only through hm0 and to the box itself, while the box's
 * other services stay reachable from the LAN. Namespaces and processes are removed after each test.
 */
@Timeout(180)
class HomeFirewallTest {
    private static final String HOME_LAN_ADDRESS = "192.0.2.1";
    private static final String TUNNEL_HOME = "10.77.0.2";

    private final NetnsBed bed = new NetnsBed();
    private String home;
    private String lan;
    private String relay;

    @BeforeEach
    void namespaces() {
        NetnsBed.assumeTools();
        home = bed.namespace("home");
        lan = bed.namespace("lan");
        relay = bed.namespace("rly");
        bed.link(home, null, HOME_LAN_ADDRESS + "/24", lan, null, "192.0.2.2/24");
        bed.link(home, "hm0", TUNNEL_HOME + "/24", relay, "hm0", "10.77.0.1/24");
        // A LAN host (or the home router) that routes the tunnel network to the home box.
        bed.exec(lan, NetnsBed.IP, "route", "add", "10.77.0.0/24", "via", HOME_LAN_ADDRESS);
        bed.exec(home, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        bed.close();
    }

    private static Path ruleset() {
        return Program.repoRoot().resolve("deploy/nftables/mailstore.nft");
    }

    @Test
    void rulesetPassesNftCheck() {
        Program.Outcome o = Program.run(List.of(NetnsBed.IP, "netns", "exec", home, NetnsBed.NFT, "-c", "-f",
                ruleset().toString()), 30);
        assertThat(o.exit()).as(o.all()).isZero();
    }

    @Test
    void theTunnelAddressAnswersOnlyThroughTheTunnelAndToTheBoxItself() throws Exception {
        // Intake, submission (STARTTLS, implicit TLS), IMAP: where `relay bundle` moves them; 22 is the box's own SSH.
        String[] mailstorePorts = {"tcp:10025", "tcp:2587", "tcp:2465", "tcp:2993"};
        bed.serve(home, "tcp:10025", "tcp:2587", "tcp:2465", "tcp:2993", "tcp:22");
        // Without the ruleset the weak host model lets the LAN in: the probe sees the difference.
        assertThat(bed.probe(lan, TUNNEL_HOME, "tcp:10025")).containsEntry("tcp:10025", "open");

        bed.exec(home, NetnsBed.NFT, "-f", ruleset().toString());
        bed.exec(home, NetnsBed.NFT, "-f", ruleset().toString());
        assertThat(bed.exec(home, NetnsBed.NFT, "list", "tables").strip()).isEqualTo("table inet hearthmail_home");

        assertThat(bed.probe(lan, TUNNEL_HOME, mailstorePorts)).as("LAN to the tunnel address")
                .allSatisfy((port, state) -> assertThat(state).as(port).isEqualTo("filtered"));
        assertThat(bed.probe(relay, TUNNEL_HOME, mailstorePorts)).as("relay through hm0")
                .allSatisfy((port, state) -> assertThat(state).as(port).isEqualTo("open"));
        assertThat(bed.probe(home, TUNNEL_HOME, "tcp:10025")).as("the box itself").containsEntry("tcp:10025", "open");
        assertThat(bed.probe(lan, HOME_LAN_ADDRESS, "tcp:22")).as("the box's other services are left alone")
                .containsEntry("tcp:22", "open");
    }
}
