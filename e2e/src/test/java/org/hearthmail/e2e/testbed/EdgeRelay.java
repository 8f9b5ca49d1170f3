package org.hearthmail.e2e.testbed;

import java.nio.file.Path;
import java.time.Duration;

/** The edge relay in "vps", run through {@code edge-relay run} from a data directory provisioned for it. */
public final class EdgeRelay {
    public static final int MX_PORT = 25;
    public static final int SUBMISSION_PORT = 587;
    public static final int SUBMISSIONS_PORT = 465;
    public static final int IMAPS_PORT = 993;
    /** The outbound listener on the relay's tunnel address, where the mailstore hands over outgoing mail. */
    public static final int OUTBOUND_PORT = 2526;

    private final Testbed tb;
    private final Path dataDir;
    private StartedProcess process;

    public EdgeRelay(Testbed tb, Path dataDir) {
        this.tb = tb;
        this.dataDir = dataDir;
    }

    /** {@code edge-relay run} in "vps"; see {@link #awaitReady()}. */
    public StartedProcess start() {
        process = tb.start(tb.vps, "edge-relay", JavaProgram.EDGE_RELAY.command("run", "--data-dir", dataDir.toString()));
        return process;
    }

    /** Waits until the MX and the pass-through ports answer from "internet". */
    public void awaitReady() {
        for (int port : new int[] {MX_PORT, IMAPS_PORT, SUBMISSION_PORT}) {
            tb.internet.awaitListening(Addresses.VPS, port, Duration.ofSeconds(90), process);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public String log() {
        return process == null ? "" : process.logText();
    }
}
