package org.hearthmail.relay.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code edge-relay queue flush}. */
@Command(name = "flush", description = "Retry every queued message now, ignoring back-off.")
final class QueueFlushCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("edge-relay queue flush (outbound queue)");
    }
}
