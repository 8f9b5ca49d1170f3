package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace of the testbed, by name. Commands run inside it through
 * {@code ip netns exec}, which also bind-mounts {@code /etc/netns/NAME/resolv.conf} over
 * {@code /etc/resolv.conf} for them; {@code ip netns exec} execs the program, so a started
 * process's PID is the program's own.
 */
public record Netns(String name) {
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    /** {@code command} prefixed so that it runs inside this namespace. */
    public List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    public Exec.Result exec(String... command) {
        return Exec.run(wrap(List.of(command)));
    }

    public Exec.Result exec(List<String> command, byte[] stdin, Duration timeout) {
        return Exec.run(wrap(command), stdin, timeout);
    }

    /** {@code ip -n NAME ARGS}, which must succeed. */
    public void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        Exec.run(cmd).requireOk();
    }

    /** The resolver that programs started in this namespace use (RFC 1035 name server, port 53). */
    public void useNameServer(String address) {
        try {
            Path dir = Files.createDirectories(ETC_NETNS.resolve(name));
            Files.writeString(dir.resolve("resolv.conf"), "nameserver " + address + "\noptions timeout:2 attempts:2\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TestbedException("cannot write resolv.conf of namespace " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a TCP connection from this namespace to {@code host:port} is accepted within
     * {@code timeoutSeconds} (bash's /dev/tcp, so no client program is needed).
     */
    public boolean connects(String host, int port, int timeoutSeconds) {
        return Exec.run(wrap(List.of("timeout", String.valueOf(timeoutSeconds), "bash", "-c",
                "exec 3<>/dev/tcp/" + host + "/" + port)), null, Duration.ofSeconds(timeoutSeconds + 30L)).ok();
    }

    /** Polls until {@code host:port} accepts connections from here; bounded by {@code timeout}. */
    public void awaitListening(String host, int port, Duration timeout, StartedProcess owner) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (owner != null && !owner.alive()) {
                throw new TestbedException(owner.label() + " exited before listening on " + host + ":" + port
                        + "; its log:\n" + owner.logTail());
            }
            if (connects(host, port, 2)) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new TestbedException("nothing listens on " + host + ":" + port + " (seen from " + name + ") after "
                + timeout.toSeconds() + " s" + (owner == null ? "" : "; log of " + owner.label() + ":\n" + owner.logTail()));
    }

    /**
     * SIGKILL, one PID at a time, to every process still running in this namespace (it is the
     * testbed's own, so they are too): e.g. a wireguard-go whose program was killed before it could
     * stop it. Reports what it ended.
     */
    void killRemaining() {
        Exec.Result r = Exec.run(List.of("ip", "netns", "pids", name));
        if (!r.ok()) {
            return;
        }
        for (String pid : r.stdout().split("\\s+")) {
            if (pid.matches("\\d+")) {
                System.err.println("testbed: ending PID " + pid + " left in " + name);
                Exec.run(List.of("kill", "-KILL", pid));
            }
        }
    }

    /** Deletes the namespace and its resolv.conf directory; reports but does not throw on failure. */
    void delete() {
        Exec.Result r = Exec.run(List.of("ip", "netns", "del", name));
        if (!r.ok()) {
            System.err.println("testbed: ip netns del " + name + ": " + r.stderr().strip());
        }
        Path dir = ETC_NETNS.resolve(name);
        try {
            Files.deleteIfExists(dir.resolve("resolv.conf"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("testbed: cannot remove " + dir + ": " + e.getMessage());
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted", e);
        }
    }
}
