package org.hearthmail.tunnel.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Two fresh network namespaces joined by a veth pair on TEST-NET-1: side A is 192.0.2.1/24,
 * side B 192.0.2.2/24. Each side also gets a distinct WireGuard interface name. Closing deletes
 * both namespaces (which removes the veth pair); processes are the caller's to stop, by handle.
 */
public final class NetnsPair implements AutoCloseable {
    public static final String ADDRESS_A = "192.0.2.1";
    public static final String ADDRESS_B = "192.0.2.2";

    public final String nsA;
    public final String nsB;
    public final String wgA;
    public final String wgB;
    private boolean createdA;
    private boolean createdB;

    private NetnsPair(String tag) {
        this.nsA = "hm-" + tag + "-a";
        this.nsB = "hm-" + tag + "-b";
        this.wgA = "hmwa" + tag;
        this.wgB = "hmwb" + tag;
    }

    /** Skips the test (JUnit assumption) only when root, ip or wireguard-go is genuinely absent. */
    public static void assumeTestbed() {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespace tests need root");
        assumeTrue(Cmd.available("ip"), "ip (Debian package iproute2) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wireguard-go")), "wireguard-go (Debian package wireguard-go) is not installed");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun is missing");
    }

    public static NetnsPair create() {
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        NetnsPair pair = new NetnsPair(HexFormat.of().formatHex(r));
        try {
            pair.setUp();
            return pair;
        } catch (RuntimeException | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    private void setUp() {
        Cmd.run("ip", "netns", "add", nsA);
        createdA = true;
        Cmd.run("ip", "netns", "add", nsB);
        createdB = true;
        Cmd.run("ip", "link", "add", "veth0", "netns", nsA, "type", "veth", "peer", "name", "veth0", "netns", nsB);
        Cmd.run("ip", "-n", nsA, "address", "add", ADDRESS_A + "/24", "dev", "veth0");
        Cmd.run("ip", "-n", nsB, "address", "add", ADDRESS_B + "/24", "dev", "veth0");
        for (String ns : new String[] {nsA, nsB}) {
            Cmd.run("ip", "-n", ns, "link", "set", "lo", "up");
            Cmd.run("ip", "-n", ns, "link", "set", "veth0", "up");
        }
    }

    /** Runs a command inside namespace {@code ns} and returns its result (no exit check). */
    public Cmd.Result execIn(String ns, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(command, 0, full, 4, command.length);
        return Cmd.exec(java.util.List.of(full), null);
    }

    /** Pings {@code address} from {@code ns}, up to {@code attempts} times (one second each). */
    public boolean ping(String ns, String address, int attempts) {
        for (int i = 0; i < attempts; i++) {
            if (execIn(ns, "ping", "-n", "-q", "-c", "1", "-W", "1", address).exitCode() == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (createdA) {
            Cmd.exec(java.util.List.of("ip", "netns", "del", nsA), null);
        }
        if (createdB) {
            Cmd.exec(java.util.List.of("ip", "netns", "del", nsB), null);
        }
    }
}
