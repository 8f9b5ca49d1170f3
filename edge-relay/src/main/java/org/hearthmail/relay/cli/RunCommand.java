package org.hearthmail.relay.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code edge-relay run}: the long-running relay process (what the systemd unit starts). */
@Command(name = "run",
        description = "Run the relay: MX on port 25, pass-through of 993/465/587 to the mailstore, "
                + "encrypted spool and outbound queue. Stays in the foreground.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("edge-relay run (inbound MX, pass-through, spool, outbound queue)");
    }
}
