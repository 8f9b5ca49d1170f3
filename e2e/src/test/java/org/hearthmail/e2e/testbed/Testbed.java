package org.hearthmail.e2e.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * Three fresh network namespaces, unique per run: "internet" routes between "vps"
 * (203.0.113.10/24) and "home" (198.51.100.20/24) and holds the clients, the remote MX, the
 * sending MTA and the DNS server on 192.0.2.x (on its loopback, each a /32); connections made in
 * "internet" leave from {@link Addresses#CLIENT} unless a program binds another address. The
 * vps<->home link is pluggable ({@link VpsHomeLink}). Every namespace resolves through
 * {@link Addresses#DNS}.
 *
 * <p>{@link #close()} stops every process started through {@link #start} (by PID, newest first),
 * ends by PID whatever else still runs in its namespaces (e.g. a killed program's wireguard-go), closes the link and deletes the namespaces and their resolv.conf; it runs also when set-up
 * fails halfway, and from a JVM shutdown hook if the test JVM is stopped.
 */
public final class Testbed implements AutoCloseable {
    public final Netns internet;
    public final Netns vps;
    public final Netns home;
    private final Path dir;
    private final VpsHomeLink link;
    private final List<Netns> created = new ArrayList<>();
    private final Deque<StartedProcess> processes = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::close, "testbed-cleanup");
    private boolean closed;

    private Testbed(Path dir, VpsHomeLink link, String suffix) {
        this.dir = dir;
        this.link = link;
        this.internet = new Netns("internet-" + suffix);
        this.vps = new Netns("vps-" + suffix);
        this.home = new Netns("home-" + suffix);
    }

    /** Skips (JUnit assumption) only when root or a program the testbed itself needs is genuinely absent. */
    public static void assumeAvailable() {
        assumeTrue("root".equals(System.getProperty("user.name")), "the namespace testbed needs root");
        for (String[] tool : new String[][] {{"ip", "iproute2"}, {"sysctl", "procps"}, {"timeout", "coreutils"}}) {
            assumeTrue(Exec.installed(tool[0]), tool[0] + " missing; install Debian package " + tool[1]);
        }
    }

    /**
     * @param dir an empty directory for logs and the programs' data
     */
    public static Testbed create(Path dir, VpsHomeLink link) {
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        Testbed tb = new Testbed(dir, link, HexFormat.of().formatHex(r));
        Runtime.getRuntime().addShutdownHook(tb.shutdownHook);
        try {
            tb.build();
            return tb;
        } catch (RuntimeException | Error e) {
            tb.close();
            throw e;
        }
    }

    private void build() {
        try {
            // Postfix's daemons run as user postfix and must reach their directories inside.
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw new TestbedException("cannot open up " + dir + ": " + e.getMessage(), e);
        }
        for (Netns ns : List.of(internet, vps, home)) {
            Exec.run(List.of("ip", "netns", "add", ns.name())).requireOk();
            created.add(ns);
            ns.ip("link", "set", "lo", "up");
            ns.useNameServer(Addresses.DNS);
        }
        veth(internet, "to-vps", Addresses.VPS_GATEWAY, vps, Addresses.VPS);
        veth(internet, "to-home", Addresses.HOME_GATEWAY, home, Addresses.HOME);
        for (String a : List.of(Addresses.CLIENT, Addresses.REMOTE_MX, Addresses.SENDING_MTA, Addresses.DNS)) {
            internet.ip("address", "add", a + "/32", "dev", "lo");
        }
        // Internet-originated connections come from a client address, not the router's link address,
        // so the far side sees (and logs) 192.0.2.x like a real remote client.
        internet.ip("route", "replace", "203.0.113.0/24", "dev", "to-vps", "src", Addresses.CLIENT);
        internet.ip("route", "replace", "198.51.100.0/24", "dev", "to-home", "src", Addresses.CLIENT);
        internet.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1").requireOk();
        vps.ip("route", "add", "default", "via", Addresses.VPS_GATEWAY);
        home.ip("route", "add", "default", "via", Addresses.HOME_GATEWAY);
        link.connect(vps, home);
    }

    /** A veth pair: {@code aName} in {@code a}, "eth0" in {@code b}, each with its /24 address, both up. */
    private static void veth(Netns a, String aName, String aAddress, Netns b, String bAddress) {
        Exec.run(List.of("ip", "link", "add", aName, "netns", a.name(), "type", "veth",
                "peer", "name", "eth0", "netns", b.name())).requireOk();
        a.ip("address", "add", aAddress + "/24", "dev", aName);
        b.ip("address", "add", bAddress + "/24", "dev", "eth0");
        a.ip("link", "set", aName, "up");
        b.ip("link", "set", "eth0", "up");
    }

    public Path dir() {
        return dir;
    }

    public VpsHomeLink link() {
        return link;
    }

    /**
     * Starts a long-running program in {@code ns}; its output goes to {@code LABEL.log} in the
     * testbed's directory. It is stopped by PID in {@link #close()}.
     */
    public synchronized StartedProcess start(Netns ns, String label, List<String> command) {
        if (closed) {
            throw new TestbedException("testbed already closed");
        }
        StartedProcess p = StartedProcess.start(label, ns.wrap(command), dir.resolve(label + ".log"));
        processes.push(p);
        return p;
    }

    /** Stops one program started through {@link #start} (by PID) before the testbed closes. */
    public synchronized void stop(StartedProcess p) {
        p.stop();
        processes.remove(p);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!processes.isEmpty()) {
            processes.pop().stop();
        }
        for (Netns ns : created) {
            ns.killRemaining();
        }
        try {
            link.close();
        } finally {
            for (Netns ns : created) {
                ns.delete();
            }
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is exiting; the hook runs this method once more and returns at once.
                }
            }
        }
    }

    @Override
    public String toString() {
        return "testbed " + internet.name() + "/" + vps.name() + "/" + home.name() + " with " + link.describe();
    }
}
