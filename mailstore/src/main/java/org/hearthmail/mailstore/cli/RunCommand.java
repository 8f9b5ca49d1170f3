package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailstore run}. */
@Command(name = "run", description = "Run the mailstore: tunnel to the relay (home dials out), SMTP intake, IMAP, submission. Stays in the foreground.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore run (tunnel, intake, IMAP, submission)");
    }
}
