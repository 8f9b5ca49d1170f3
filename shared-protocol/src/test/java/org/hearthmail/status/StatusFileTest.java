package org.hearthmail.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {
    @TempDir
    Path dir;

    private static RunStatus sample(Instant at) {
        return new RunStatus("edge-relay", ProcessHandle.current().pid(), at,
                new RunStatus.TunnelState("hm0", "UP", null, List.of(new RunStatus.PeerState("mailstore", "PUBKEY=", "UP",
                        at.minusSeconds(7), "192.0.2.2:40000", 1234, 5678))),
                List.of("MX (SMTP, STARTTLS) on 0.0.0.0:25"), Map.of("spool entries", 2L));
    }

    private static String print(StatusFile.Reading r, Instant now, int[] exit) throws Exception {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            exit[0] = StatusPrinter.print(r, "edge-relay", false, now, w);
        }
        return s.toString();
    }

    @Test
    void writtenStatusReadsBackAsCurrentAndPrintsTunnelListenersAndCounts() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        StatusFile f = new StatusFile(dir);
        f.write(sample(now));
        StatusFile.Reading r = f.read(now.plusSeconds(2));
        assertThat(r).isEqualTo(new StatusFile.Reading.Current(sample(now)));
        int[] exit = new int[1];
        String out = print(r, now.plusSeconds(2), exit);
        assertThat(exit[0]).isZero();
        assertThat(out).contains("tunnel hm0: up").contains("last handshake 9 s ago").contains("rx 1234 B")
                .contains("MX (SMTP, STARTTLS) on 0.0.0.0:25").contains("spool entries: 2");
    }

    @Test
    void oldStatusFileIsStaleAndExits3() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        StatusFile f = new StatusFile(dir);
        f.write(sample(now));
        StatusFile.Reading r = f.read(now.plusSeconds(60));
        assertThat(r).isInstanceOf(StatusFile.Reading.Stale.class);
        int[] exit = new int[1];
        assertThat(print(r, now.plusSeconds(60), exit)).contains("not running").contains("60 s old");
        assertThat(exit[0]).isEqualTo(StatusPrinter.NOT_RUNNING);
    }

    @Test
    void missingStatusFileMeansNotRunning() throws Exception {
        StatusFile.Reading r = new StatusFile(dir).read(Instant.now());
        int[] exit = new int[1];
        assertThat(print(r, Instant.now(), exit)).contains("edge-relay is not running");
        assertThat(exit[0]).isEqualTo(3);
    }
}
