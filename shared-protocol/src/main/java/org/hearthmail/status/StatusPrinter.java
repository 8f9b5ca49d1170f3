package org.hearthmail.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The {@code status} command's output: human text, or the file's JSON with {@code --json}. */
public final class StatusPrinter {
    /** Exit code when the program is not running or its status is stale. */
    public static final int NOT_RUNNING = 3;

    private StatusPrinter() {
    }

    /** Prints what {@code reading} says; returns the exit code (0 when current, else {@link #NOT_RUNNING}). */
    public static int print(StatusFile.Reading reading, String program, boolean json, Instant now, PrintWriter out)
            throws IOException {
        if (reading instanceof StatusFile.Reading.Absent a) {
            out.println(program + " is not running (no " + a.file() + "); start it with '" + program + " run'");
            return NOT_RUNNING;
        }
        if (reading instanceof StatusFile.Reading.Stale s) {
            out.println(program + " is not running: its status file is " + seconds(s.age()) + " old"
                    + (s.processGone() ? " and process " + s.last().pid() + " is gone" : " (the process may hang)")
                    + "; last known state follows");
            body(s.last(), now, out);
            return NOT_RUNNING;
        }
        RunStatus st = ((StatusFile.Reading.Current) reading).status();
        if (json) {
            out.println(StatusFile.json(st));
        } else {
            out.println(program + " running (pid " + st.pid() + "), status as of " + seconds(Duration.between(st.written(), now))
                    + " ago");
            body(st, now, out);
        }
        return 0;
    }

    private static void body(RunStatus st, Instant now, PrintWriter out) {
        RunStatus.TunnelState t = st.tunnel();
        if (t == null) {
            out.println("tunnel: not configured (no [tunnel] section)");
        } else {
            out.println("tunnel " + t.interfaceName() + ": " + t.health().toLowerCase(java.util.Locale.ROOT)
                    + (t.problem() == null ? "" : " (" + t.problem() + ")"));
            for (RunStatus.PeerState p : t.peers()) {
                out.println("  peer " + (p.name() == null ? "" : p.name() + " ") + p.publicKey() + ": "
                        + p.health().toLowerCase(java.util.Locale.ROOT)
                        + ", last handshake " + (p.lastHandshake() == null ? "never"
                        : seconds(Duration.between(p.lastHandshake(), now)) + " ago")
                        + ", rx " + p.rxBytes() + " B, tx " + p.txBytes() + " B"
                        + (p.endpoint() == null ? "" : ", endpoint " + p.endpoint()));
            }
        }
        out.println("listeners:" + (st.listeners().isEmpty() ? " none" : ""));
        st.listeners().forEach(l -> out.println("  " + l));
        for (Map.Entry<String, Long> e : new TreeMap<>(st.counts()).entrySet()) {
            out.println(e.getKey() + ": " + e.getValue());
        }
    }

    private static String seconds(Duration d) {
        return Math.max(0, d.toSeconds()) + " s";
    }
}
