package org.hearthmail.mailstore.cli;

import java.util.concurrent.Callable;
import org.hearthmail.status.StatusFile;
import org.hearthmail.status.StatusPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstore status}: what the running {@code mailstore run} last wrote to its status file. */
@Command(name = "status", description = {"Show tunnel health (last handshake, bytes), listeners and counts of the "
        + "running 'mailstore run' (from its status file, rewritten every 5 s).",
        "Exit code 3 when it is not running or its status file is stale."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the status file's JSON.")
    boolean json;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        int exit = StatusPrinter.print(new StatusFile(dataDir.dataDir()).read(now), "mailstore", json, now, Cli.out(spec));
        Cli.out(spec).flush();
        return exit;
    }
}
