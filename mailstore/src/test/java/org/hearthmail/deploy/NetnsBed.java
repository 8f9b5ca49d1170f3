package org.hearthmail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away network namespaces for the firewall tests: veth links between them, listeners that
 * answer "hello", and a probe that tells open from filtered from refused. {@link #close} removes
 * every namespace and process it made, by name and PID.
 */
final class NetnsBed implements AutoCloseable {
    static final String NFT = "/usr/sbin/nft";
    static final String IP = "/usr/sbin/ip";

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

    private final String tag = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private int links;

    /** Skips the test when a tool is genuinely absent (the message names the Debian package). */
    static void assumeTools() {
        assumeTrue(Program.installed(NFT), "nft missing (Debian package nftables)");
        assumeTrue(Program.installed(IP), "ip missing (Debian package iproute2)");
        assumeTrue(Program.installed("/usr/bin/python3"), "python3 missing (Debian package python3)");
    }

    /** A new namespace named hm-fw-TAG-ROLE, loopback up. */
    String namespace(String role) {
        String ns = "hm-fw-" + tag + "-" + role;
        Program.ok(IP, "netns", "add", ns);
        namespaces.add(ns);
        Program.ok(IP, "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair between two namespaces with an address (CIDR) on each end; null names: generated. */
    void link(String a, String nameA, String cidrA, String b, String nameB, String cidrB) {
        int n = links++;
        String ifA = nameA != null ? nameA : "hmfa" + n + tag;
        String ifB = nameB != null ? nameB : "hmfb" + n + tag;
        Program.ok(IP, "link", "add", ifA, "netns", a, "type", "veth", "peer", "name", ifB, "netns", b);
        Program.ok(IP, "-n", a, "address", "add", cidrA, "dev", ifA);
        Program.ok(IP, "-n", b, "address", "add", cidrB, "dev", ifB);
        Program.ok(IP, "-n", a, "link", "set", ifA, "up");
        Program.ok(IP, "-n", b, "link", "set", ifB, "up");
    }

    /** Runs a command inside {@code ns}; fails the test when it fails. */
    String exec(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of(IP, "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return Program.ok(cmd.toArray(String[]::new));
    }

    /** Listeners on 0.0.0.0 in {@code ns} for specs like "tcp:25" or "udp:51820", for at most 90 s. */
    void serve(String ns, String... specs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(IP, "netns", "exec", ns, "python3", "-c", SERVE));
        cmd.addAll(List.of(specs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // bounded: the script prints or exits at once
        assertThat(first).as("listener in " + ns + " (exit " + (p.isAlive() ? "-" : p.exitValue()) + ")").isEqualTo("ready");
    }

    /** "open", "filtered" or "refused" for each spec, probed from {@code ns} to {@code host}. */
    Map<String, String> probe(String ns, String host, String... specs) {
        List<String> cmd = new ArrayList<>(List.of(IP, "netns", "exec", ns, "python3", "-c", PROBE, host));
        cmd.addAll(List.of(specs));
        Program.Outcome o = Program.run(cmd, 60);
        assertThat(o.exit()).as(o.err()).isZero();
        Map<String, String> states = new LinkedHashMap<>();
        o.out().lines().map(l -> l.split(" ")).forEach(f -> states.put(f[0], f[1]));
        return states;
    }

    @Override
    public void close() throws InterruptedException {
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
}
