package org.hearthmail.relay.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.hearthmail.status.StatusFile;
import org.hearthmail.status.StatusPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edge-relay status}: what the running {@code edge-relay run} last wrote to its status file. */
@Command(name = "status",
        description = {"Show tunnel health (last handshake, bytes), spool and queue sizes, and listeners of the "
                + "running 'edge-relay run' (from its status file, rewritten every 5 s).",
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
        Instant now = Instant.now();
        var out = spec.commandLine().getOut();
        int exit = StatusPrinter.print(new StatusFile(dataDir.dataDir()).read(now), "edge-relay", json, now, out);
        out.flush();
        return exit;
    }
}
