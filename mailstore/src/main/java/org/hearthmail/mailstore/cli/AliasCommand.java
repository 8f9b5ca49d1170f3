package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mailstore alias}. */
@Command(name = "alias", description = "Manage aliases and catch-alls (add, list, remove).")
final class AliasCommand implements Callable<Integer> {

    /** Accepted so that any future form of this command reports "not implemented" rather than a usage error. */
    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Reserved for the subcommands to come.")
    List<String> args;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore alias (alias management)");
    }
}
