package org.hearthmail.relay.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code edge-relay status}: tunnel health, queue sizes, listeners of a running relay. */
@Command(name = "status",
        description = "Show tunnel health (last handshake, bytes), spool and queue sizes, and listeners.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("edge-relay status (tunnel health, queue sizes, listeners)");
    }
}
