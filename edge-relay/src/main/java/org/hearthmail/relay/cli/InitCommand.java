package org.hearthmail.relay.cli;

import org.hearthmail.cli.NotImplementedException;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edge-relay init --bundle FILE}: set up the relay from the bundle made by {@code mailstore relay bundle}. */
@Command(name = "init",
        description = "Set up this relay from a bundle made at home by 'mailstore relay bundle' "
                + "(WireGuard keys, mailstore public key, domains).")
final class InitCommand implements Callable<Integer> {

    @Option(names = "--bundle", paramLabel = "FILE", required = true,
            description = "Relay bundle file written by 'mailstore relay bundle'.")
    Path bundle;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("edge-relay init (reading the relay bundle, writing keys and config)");
    }
}
