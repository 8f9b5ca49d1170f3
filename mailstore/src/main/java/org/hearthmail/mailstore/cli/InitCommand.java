package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mailstore init --domain D --mx-host H [--data-dir DIR]}: create the data directory, keys and database. */
@Command(name = "init",
        description = "Create a new installation: data directory, database, DKIM and WireGuard keys, "
                + "for the first mail domain.")
final class InitCommand implements Callable<Integer> {

    @Option(names = "--domain", paramLabel = "D", required = true, converter = HostNameConverter.class,
            description = "First mail domain, e.g. example.org.")
    String domain;

    @Option(names = "--mx-host", paramLabel = "H", required = true, converter = HostNameConverter.class,
            description = "Public name of the edge relay (the MX), e.g. mx.example.org.")
    String mxHost;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore init (data directory, database, DKIM and WireGuard keys)");
    }
}
