package org.hearthmail.e2e.testbed;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The edge relay in "vps", set up with {@code edge-relay init --bundle}, run with
 * {@code edge-relay run} and watched with {@code edge-relay status}.
 */
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

    /**
     * {@code edge-relay init --bundle B --passphrase-file F --interface NAME} into a new data
     * directory {@code relay} of the testbed.
     */
    public static EdgeRelay init(Testbed tb, Path bundle, Path passphraseFile, String interfaceName) {
        Path data = tb.dir().resolve("relay");
        Exec.run(JavaProgram.EDGE_RELAY.shortCommand("init", "--bundle", bundle.toString(), "--passphrase-file",
                passphraseFile.toString(), "--interface", interfaceName, "--data-dir", data.toString()), null,
                Duration.ofSeconds(120)).requireOk();
        return new EdgeRelay(tb, data);
    }

    /** {@code edge-relay status --json}: what the running {@code edge-relay run} last reported (exit 3: not running). */
    public Exec.Result status() {
        return Exec.run(JavaProgram.EDGE_RELAY.shortCommand("status", "--json", "--data-dir", dataDir.toString()), null,
                Duration.ofSeconds(120));
    }

    public TomlFile config() {
        return new TomlFile(dataDir.resolve("relay.toml"));
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
