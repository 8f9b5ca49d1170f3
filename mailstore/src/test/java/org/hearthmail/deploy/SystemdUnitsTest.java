package org.hearthmail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * deploy/systemd: each unit passes {@code systemd-analyze verify} without a single warning, with
 * the install prefix {@code /opt/hearthmail} pointed at this checkout (verify insists that
 * ExecStart exists), and keeps its hardening ({@code systemd-analyze security}).
 */
class SystemdUnitsTest {
    private static final String ANALYZE = "/usr/bin/systemd-analyze";

    @TempDir
    Path dir;

    @BeforeEach
    void analyzerPresent() {
        assumeTrue(Program.installed(ANALYZE), "systemd-analyze missing (Debian package systemd)");
    }

    /** The unit as installed, but with /opt/hearthmail standing for this checkout. */
    private Path installed(String unit) throws IOException {
        String text = Files.readString(Program.repoRoot().resolve("deploy/systemd").resolve(unit));
        Path copy = dir.resolve(unit);
        Files.writeString(copy, text.replace("/opt/hearthmail", Program.repoRoot().toString()));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge-relay.service", "mailstore.service"})
    void unitVerifiesWithoutAnyWarning(String unit) throws IOException {
        Program.Outcome o = Program.run(List.of(ANALYZE, "verify", installed(unit).toString()), 60);
        assertThat(o.exit()).as(o.all()).isZero();
        assertThat(o.all()).as("systemd-analyze verify output").isBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge-relay.service", "mailstore.service"})
    void unitRunsUnprivilegedWithOnlyTheTwoNetworkCapabilitiesAndOnlyItsDataDirWritable(String unit) throws IOException {
        String text = Files.readString(installed(unit));
        String dataDir = unit.startsWith("edge-relay") ? "/var/lib/hearthmail-relay" : "/var/lib/hearthmail";
        assertThat(text).containsPattern("(?m)^User=hearthmail(-relay)?$")
                .contains("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                        "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_BIND_SERVICE",
                        "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_BIND_SERVICE",
                        "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK")
                .containsPattern("(?m)^ReadWritePaths=" + dataDir + "$");
        assertThat(text.lines().filter(l -> l.startsWith("ReadWritePaths="))).hasSize(1);
        // systemd's own exposure score (0 = locked down, 10 = unprotected); 2.5 leaves room only for
        // what the relay needs (network, CAP_NET_ADMIN, the JIT's writable code).
        Program.Outcome o = Program.run(List.of(ANALYZE, "security", "--offline=true", "--threshold=25",
                installed(unit).toString()), 60);
        assertThat(o.exit()).as(o.all()).isZero();
    }

    @Test
    void relayMemoryFitsASmallVps() throws IOException {
        String text = Files.readString(installed("edge-relay.service"));
        assertThat(text).contains("MemoryMax=640M").contains("-Xmx320m").contains("-XX:MaxDirectMemorySize=96m");
    }

    /** ADR 0011: the unit keeps bin/mailstore's memory defaults instead of overriding them, and caps the cgroup above them. */
    @Test
    void mailstoreUnitKeepsTheLaunchersMemoryDefaults() throws IOException {
        String text = Files.readString(installed("mailstore.service"));
        String opts = text.lines().filter(l -> l.contains("HEARTHMAIL_JAVA_OPTS=")).findFirst().orElseThrow();
        assertThat(opts).doesNotContain("-Xmx", "-Xms", "HeapFreeRatio", "MaxDirectMemorySize", "UseSerialGC");
        assertThat(text).doesNotContain("MALLOC_ARENA_MAX").contains("MemoryMax=768M");
        assertThat(Files.readString(Program.repoRoot().resolve("bin/mailstore"))).contains("-Xmx256m");
    }

    @Test
    void aMisspeltDirectiveIsCaughtByTheSameCheck() throws IOException {
        Path unit = installed("edge-relay.service");
        Files.writeString(unit, Files.readString(unit).replace("ProtectHome=yes", "ProtectHomes=yes"));
        Program.Outcome o = Program.run(List.of(ANALYZE, "verify", unit.toString()), 60);
        assertThat(o.all()).contains("Unknown key", "ProtectHomes");
    }
}
