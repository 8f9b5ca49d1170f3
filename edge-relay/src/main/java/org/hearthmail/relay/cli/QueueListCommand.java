package org.hearthmail.relay.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code edge-relay queue list}. */
@Command(name = "list", description = "List queued messages: id, recipient domain, attempts, next retry.")
final class QueueListCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("edge-relay queue list (outbound queue)");
    }
}
