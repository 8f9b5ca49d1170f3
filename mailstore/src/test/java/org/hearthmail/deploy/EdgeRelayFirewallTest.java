package org.hearthmail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final String NFT = "/usr/sbin/nft";
    private static final String IP = "/usr/sbin/ip";
    private static final String VPS_ADDRESS = "203.0.113.1";
    private static final String CLIENT_ADDRESS = "203.0.113.2";

    /** Serves TCP (answers "hello") and UDP (echoes "hello") on the given ports for at most 90 s. */
    private static final String SERVE = """
            import selectors, socket, sys, time
            sel = selectors.DefaultSelector()
            for spec in sys.argv[1:]:
                proto, port = spec.split(':')
                if proto == 'tcp':
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(('0.0.0.0', int(port)))
                    s.listen(8)
                else:
                    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    s.bind(('0.0.0.0', int(port)))
                sel.register(s, selectors.EVENT_READ, proto)
            print('ready', flush=True)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                for key, _ in sel.select(timeout=1):
                    if key.data == 'tcp':
                        c, _ = key.fileobj.accept()
                        c.sendall(b'hello\\n')
                        c.close()
                    else:
                        data, peer = key.fileobj.recvfrom(512)
                        key.fileobj.sendto(b'hello', peer)
            """;

    /** Prints "proto:port open|filtered|refused" for each port of the host; 2 s per attempt. */
    private static final String PROBE = """
            import socket, sys
            host = sys.argv[1]
            for spec in sys.argv[2:]:
                proto, port = spec.split(':')
                kind = socket.SOCK_STREAM if proto == 'tcp' else socket.SOCK_DGRAM
                s = socket.socket(socket.AF_INET, kind)
                s.settimeout(2)
                try:
                    if proto == 'tcp':
                        s.connect((host, int(port)))
                    else:
                        s.sendto(b'ping', (host, int(port)))
                    state = 'open' if s.recv(16).startswith(b'hello') else 'odd'
                except socket.timeout:
                    state = 'filtered'
                except ConnectionRefusedError:
                    state = 'refused'
                finally:
                    s.close()
                print(spec, state, flush=True)
            """;

    private String vps;
    private String client;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void namespaces() {
        assumeTrue(Program.installed(NFT), "nft missing (Debian package nftables)");
        assumeTrue(Program.installed(IP), "ip missing (Debian package iproute2)");
        assumeTrue(Program.installed("/usr/bin/python3"), "python3 missing (Debian package python3)");
        String tag = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        vps = "hm-fw-" + tag + "-vps";
        client = "hm-fw-" + tag + "-cli";
        Program.ok(IP, "netns", "add", vps);
        namespaces.add(vps);
        Program.ok(IP, "netns", "add", client);
        namespaces.add(client);
        Program.ok(IP, "link", "add", "hmfw" + tag, "netns", vps, "type", "veth", "peer", "name", "hmfc" + tag,
                "netns", client);
        Program.ok(IP, "-n", vps, "address", "add", VPS_ADDRESS + "/24", "dev", "hmfw" + tag);
        Program.ok(IP, "-n", client, "address", "add", CLIENT_ADDRESS + "/24", "dev", "hmfc" + tag);
        Program.ok(IP, "-n", vps, "link", "set", "hmfw" + tag, "up");
        Program.ok(IP, "-n", client, "link", "set", "hmfc" + tag, "up");
        Program.ok(IP, "-n", vps, "link", "set", "lo", "up");
        Program.ok(IP, "-n", client, "link", "set", "lo", "up");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (String ns : namespaces) {
            Program.run(List.of(IP, "netns", "del", ns), 30);
        }
    }

    private static Path ruleset() {
        return Program.repoRoot().resolve("deploy/nftables/edge-relay.nft");
    }

    private void serve(String ns, String... specs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(IP, "netns", "exec", ns, "python3", "-c", SERVE));
        cmd.addAll(List.of(specs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // bounded: the script prints or exits at once
        assertThat(first).as("listener in " + ns + " (exit " + (p.isAlive() ? "-" : p.exitValue()) + ")").isEqualTo("ready");
    }

    private Map<String, String> probe(String ns, String host, String... specs) {
        List<String> cmd = new ArrayList<>(List.of(IP, "netns", "exec", ns, "python3", "-c", PROBE, host));
        cmd.addAll(List.of(specs));
        Program.Outcome o = Program.run(cmd, 60);
        assertThat(o.exit()).as(o.err()).isZero();
        Map<String, String> states = new LinkedHashMap<>();
        o.out().lines().map(l -> l.split(" ")).forEach(f -> states.put(f[0], f[1]));
        return states;
    }

    @Test
    void rulesetPassesNftCheckInAThrowAwayNamespace() {
        Program.Outcome o = Program.run(List.of(IP, "netns", "exec", vps, NFT, "-c", "-f", ruleset().toString()), 30);
        assertThat(o.exit()).as(o.all()).isZero();
    }

    @Test
    void onlyMailPortsAndWireguardAreReachableFromTheInternet() throws IOException {
        String[] ports = {"tcp:25", "tcp:465", "tcp:587", "tcp:993", "tcp:10025", "tcp:22", "tcp:2526",
            "udp:51820", "udp:5353"};
        serve(vps, ports);
        // Without the ruleset everything answers: the probe can tell open from filtered.
        assertThat(probe(client, VPS_ADDRESS, "tcp:10025", "tcp:22")).containsEntry("tcp:10025", "open")
                .containsEntry("tcp:22", "open");

        Program.ok(IP, "netns", "exec", vps, NFT, "-f", ruleset().toString());
        // Loading again replaces the table instead of adding a second one.
        Program.ok(IP, "netns", "exec", vps, NFT, "-f", ruleset().toString());
        assertThat(Program.ok(IP, "netns", "exec", vps, NFT, "list", "tables").strip())
                .isEqualTo("table inet hearthmail_relay");

        Map<String, String> states = probe(client, VPS_ADDRESS, ports);
        assertThat(states).containsEntry("tcp:25", "open").containsEntry("tcp:465", "open")
                .containsEntry("tcp:587", "open").containsEntry("tcp:993", "open")
                .containsEntry("udp:51820", "open")
                .containsEntry("tcp:10025", "filtered").containsEntry("tcp:22", "filtered")
                // the outbound listener is reachable only through the tunnel interface
                .containsEntry("tcp:2526", "filtered")
                .containsEntry("udp:5353", "filtered");
        assertThat(Program.run(List.of(IP, "netns", "exec", client, "ping", "-n", "-q", "-c", "1", "-W", "2", VPS_ADDRESS), 30)
                .exit()).as("ICMP echo is allowed").isZero();
    }

    @Test
    void theMailstoreReachesTheOutboundListenerOnlyThroughTheTunnelInterface() throws IOException {
        // A stand-in for the WireGuard interface: a veth pair named like it (hm0) on the tunnel network.
        Program.ok(IP, "link", "add", "hm0", "netns", vps, "type", "veth", "peer", "name", "hm0", "netns", client);
        Program.ok(IP, "-n", vps, "address", "add", "10.77.0.1/24", "dev", "hm0");
        Program.ok(IP, "-n", client, "address", "add", "10.77.0.2/24", "dev", "hm0");
        Program.ok(IP, "-n", vps, "link", "set", "hm0", "up");
        Program.ok(IP, "-n", client, "link", "set", "hm0", "up");
        Program.ok(IP, "netns", "exec", vps, NFT, "-f", ruleset().toString());
        serve(vps, "tcp:2526", "tcp:10025");
        assertThat(probe(client, "10.77.0.1", "tcp:2526", "tcp:10025")).containsEntry("tcp:2526", "open")
                .containsEntry("tcp:10025", "filtered");
        assertThat(probe(client, VPS_ADDRESS, "tcp:2526")).containsEntry("tcp:2526", "filtered");
    }

    @Test
    void repliesToTheRelaysOwnConnectionsComeBackIn() throws IOException {
        Program.ok(IP, "netns", "exec", vps, NFT, "-f", ruleset().toString());
        serve(client, "tcp:8080");
        // The SYN-ACK from the remote side is let in only by "ct state established,related".
        assertThat(probe(vps, CLIENT_ADDRESS, "tcp:8080")).containsEntry("tcp:8080", "open");
    }
}
