package org.hearthmail.e2e.testbed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The mailstore in "home", set up and run only through its CLI ({@code mailstore init},
 * {@code user add}, {@code relay bundle}, {@code dns records}, {@code run}, {@code status});
 * {@code mailstore.toml} is edited only where no command writes the setting (see
 * {@link CliProvisioning}).
 */
public final class Mailstore {
    // The ports 'mailstore init' writes; 'relay bundle' moves these listeners to the tunnel address
    // and keeps the ports (IMAP with STARTTLS stays on loopback: the relay does not pass 143 through).
    public static final int INTAKE_PORT = 10025;
    public static final int IMAPS_PORT = 2993;
    public static final int IMAP_PORT = 2143;
    public static final int SUBMISSION_PORT = 2587;
    public static final int SUBMISSIONS_PORT = 2465;

    private final Testbed tb;
    private final Path dataDir;
    private StartedProcess process;

    private Mailstore(Testbed tb, Path dataDir) {
        this.tb = tb;
        this.dataDir = dataDir;
    }

    /** {@code mailstore init --domain D --mx-host MX --hostname NAME}. */
    public static Mailstore init(Testbed tb, String domain, String mxHost, String hostname) {
        Path data = tb.dir().resolve("mailstore");
        cli(data, List.of("init", "--domain", domain, "--mx-host", mxHost, "--hostname", hostname), null);
        return new Mailstore(tb, data);
    }

    private static Exec.Result cli(Path data, List<String> args, String stdin) {
        List<String> full = new java.util.ArrayList<>(args);
        full.addAll(List.of("--data-dir", data.toString()));
        return Exec.run(JavaProgram.MAILSTORE.shortCommand(full.toArray(String[]::new)),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120)).requireOk();
    }

    /** {@code mailstore user add ADDRESS --password-stdin}; the password never appears in an argument. */
    public void addUser(String address, String password) {
        cli(dataDir, List.of("user", "add", address, "--password-stdin"), password + "\n");
    }

    /**
     * {@code mailstore relay bundle --endpoint E --passphrase-file F --output BUNDLE}: provisions the
     * relay (and moves this mailstore's listeners onto the tunnel address) and writes its bundle.
     */
    public void relayBundle(String endpoint, Path passphraseFile, Path bundle) {
        cli(dataDir, List.of("relay", "bundle", "--endpoint", endpoint, "--passphrase-file", passphraseFile.toString(),
                "--output", bundle.toString()), null);
    }

    /** {@code mailstore status --json}: what the running {@code mailstore run} last reported. */
    public Exec.Result status() {
        return Exec.run(JavaProgram.MAILSTORE.shortCommand("status", "--json", "--data-dir", dataDir.toString()), null,
                Duration.ofSeconds(120));
    }

    /** {@code mailstore dns records}: the zone-file lines to publish (makes the first DKIM selector). */
    public String dnsRecords() {
        return cli(dataDir, List.of("dns", "records"), null).stdout();
    }

    /** {@code mailstore run} in "home" (debug log: it names each IMAP command's client); see {@link #awaitReady()}. */
    public StartedProcess start() {
        process = tb.start(tb.home, "mailstore", JavaProgram.MAILSTORE.command("run", "--data-dir", dataDir.toString(),
                "--log-level", "debug"));
        return process;
    }

    /** Waits until intake, IMAPS and submission answer on the link address. */
    public void awaitReady() {
        for (int port : new int[] {INTAKE_PORT, IMAPS_PORT, SUBMISSION_PORT}) {
            // Seen from the relay's side of the link, the only place they are reachable from.
            tb.vps.awaitListening(Addresses.MAILSTORE_TUNNEL, port, Duration.ofSeconds(90), process);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public TomlFile config() {
        return new TomlFile(dataDir.resolve("mailstore.toml"));
    }

    /** What {@code mailstore run} has logged so far. */
    public String log() {
        return process == null ? "" : process.logText();
    }
}
