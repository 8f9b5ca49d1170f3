package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mailstore domain}. */
@Command(name = "domain", description = "Manage mail domains (add, list, remove).")
final class DomainCommand implements Callable<Integer> {

    /** Accepted so that any future form of this command reports "not implemented" rather than a usage error. */
    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Reserved for the subcommands to come.")
    List<String> args;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore domain (domain management)");
    }
}
