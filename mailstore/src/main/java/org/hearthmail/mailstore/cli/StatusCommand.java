package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailstore status}. */
@Command(name = "status", description = "Show tunnel health (last handshake, bytes), queue sizes and listeners.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore status (tunnel health, queue sizes, listeners)");
    }
}
