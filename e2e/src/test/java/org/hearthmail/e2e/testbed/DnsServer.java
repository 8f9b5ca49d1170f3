package org.hearthmail.e2e.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hearthmail.interop.KnotServer;

/**
 * Debian's knotd in "internet" on {@link Addresses#DNS} port 53, authoritative for every zone the
 * test hands it (TXT data: {@link KnotServer#txt}; it also answers queries that ask for recursion, for its own zones, which is all the
 * programs here ever ask). Readiness is checked through knotc on the control socket.
 */
public final class DnsServer {
    public static final Path KNOTD = KnotServer.KNOTD;
    public static final Path KNOTC = Path.of("/usr/sbin/knotc");
    /** The name server named in every zone's SOA and NS. */
    public static final String NS_NAME = "ns.example.test.";

    private final StartedProcess process;

    private DnsServer(StartedProcess process) {
        this.process = process;
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(KNOTD) && Files.isExecutable(KNOTC), "knotd/knotc missing; install Debian package knot");
    }

    /**
     * @param zones zone name (no trailing dot) to the records after SOA and NS, in zone-file form
     *              with {@code $ORIGIN} set to the zone
     */
    public static DnsServer start(Testbed tb, Map<String, String> zones) {
        Path dir = tb.dir().resolve("knot");
        try {
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("db"));
            StringBuilder conf = new StringBuilder()
                    .append("server:\n  rundir: \"").append(dir.resolve("run")).append("\"\n")
                    .append("  listen: ").append(Addresses.DNS).append("@53\n")
                    .append("database:\n  storage: \"").append(dir.resolve("db")).append("\"\n")
                    .append("log:\n  - target: stderr\n    any: info\n")
                    .append("template:\n  - id: default\n    storage: \"").append(dir).append("\"\n")
                    .append("    file: \"%s.zone\"\n    zonefile-sync: -1\n    journal-content: none\n")
                    .append("zone:\n");
            for (Map.Entry<String, String> z : zones.entrySet()) {
                conf.append("  - domain: ").append(z.getKey()).append('\n');
                // RFC 1035 §5.1 master file; RFC 1912 §2.2: SOA and NS at the apex.
                Files.writeString(dir.resolve(z.getKey() + ".zone"), "$ORIGIN " + z.getKey() + ".\n$TTL 60\n"
                        + "@ SOA " + NS_NAME + " hostmaster.example.test. 1 3600 600 86400 60\n"
                        + "@ NS " + NS_NAME + "\n" + z.getValue() + "\n", StandardCharsets.US_ASCII);
            }
            Path confFile = dir.resolve("knot.conf");
            Files.writeString(confFile, conf.toString(), StandardCharsets.US_ASCII);
            DnsServer server = new DnsServer(tb.start(tb.internet, "knotd", List.of(KNOTD.toString(), "-c", confFile.toString())));
            server.awaitLoaded(confFile, zones.keySet());
            return server;
        } catch (IOException e) {
            throw new TestbedException("cannot write knot's configuration in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void awaitLoaded(Path confFile, Iterable<String> zones) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String zone : zones) {
            while (true) {
                if (!process.alive()) {
                    throw new TestbedException("knotd exited: " + process.logTail());
                }
                Exec.Result r = Exec.run(List.of(KNOTC.toString(), "-c", confFile.toString(), "zone-status", zone));
                if (r.ok() && r.stdout().contains("serial: 1")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new TestbedException("knotd did not load zone " + zone + " within 30 s: " + r.stdout()
                            + r.stderr() + "\n" + process.logTail());
                }
                Netns.sleep(Duration.ofMillis(200));
            }
        }
    }

    public StartedProcess process() {
        return process;
    }
}
