package org.hearthmail.relay.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.cli.PassphraseInput;
import org.hearthmail.provision.BundleCodec;
import org.hearthmail.provision.BundleException;
import org.hearthmail.provision.RelayBundle;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edge-relay init --bundle FILE}: set up the relay from the bundle made by {@code mailstore relay bundle}. */
@Command(name = "init",
        description = "Set up this relay's data directory from a bundle made at home by 'mailstore relay bundle': "
                + "relay.toml, the WireGuard keys, the outbound credentials and certificate, and a self-signed MX "
                + "certificate (until ACME). The bundle's passphrase is asked for unless --passphrase-file is given.")
final class InitCommand implements Callable<Integer> {
    /** Bounds what is read as a bundle; real ones are a few KiB. */
    private static final long MAX_BUNDLE = 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", paramLabel = "FILE", required = true,
            description = "Relay bundle file written by 'mailstore relay bundle'.")
    Path bundle;

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the bundle's passphrase from the first line of F instead of asking.")
    Path passphraseFile;

    @Option(names = "--force",
            description = "Replace the configuration and keys of an existing data directory (spool and queue are kept).")
    boolean force;

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = RelayConfig.Tunnel.DEFAULT_INTERFACE,
            description = "WireGuard interface to create (default: ${DEFAULT-VALUE}).")
    String interfaceName;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        Path dir = dataDir.dataDir();
        if (!interfaceName.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
            throw new ParameterException(spec.commandLine(), "--interface '" + interfaceName
                    + "' must be 1-15 characters of a-z A-Z 0-9 _ = + . -");
        }
        if (Files.exists(dir.resolve(RelayConfig.FILE_NAME)) && !force) {
            throw new InitRefusedException("data directory " + dir + " already holds a relay (" + RelayConfig.FILE_NAME
                    + "); pass --force to replace its configuration and keys, or choose another --data-dir");
        }
        String text = readBundle();
        char[] passphrase = PassphraseInput.read(passphraseFile, Optional.ofNullable(System.console()), false,
                "--passphrase-file");
        RelayBundle b;
        try {
            b = BundleCodec.open(text, passphrase);
        } catch (BundleException e) {
            throw new InitRefusedException("--bundle " + bundle + ": " + e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        RelayConfig config = new RelayDataDirectory(dir).install(b, interfaceName);
        var out = spec.commandLine().getOut();
        out.println("relay " + b.relayName() + " set up in " + dir + " for " + String.join(", ", config.domains()));
        out.println("  MX host        " + config.hostname() + " (self-signed certificate until ACME)");
        out.println("  tunnel         " + interfaceName + " " + b.relayTunnelAddress() + "/" + b.tunnelPrefixLength()
                + ", UDP port " + b.listenPort() + ", mailstore at " + b.mailstoreTunnelAddress());
        out.println("  pass-through   " + String.join(", ", b.passthroughRoutes()));
        out.println("next: open UDP " + b.listenPort() + " and TCP 25, 465, 587, 993 in the firewall, then 'edge-relay run'");
        out.flush();
        return ExitCodes.OK;
    }

    private String readBundle() {
        try {
            if (Files.size(bundle) > MAX_BUNDLE) {
                throw new InitRefusedException("--bundle " + bundle + " is larger than 1 MiB; is it really a relay bundle?");
            }
            return Files.readString(bundle, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new InitRefusedException("--bundle " + bundle + " does not exist; copy the file 'mailstore relay bundle' "
                    + "wrote at home to this machine");
        } catch (IOException e) {
            throw new InitRefusedException("cannot read --bundle " + bundle + ": " + e.getMessage());
        }
    }

    /** The data directory is in use, or the bundle cannot be used; the message says what to do. */
    static final class InitRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InitRefusedException(String message) {
            super(message);
        }
    }
}
