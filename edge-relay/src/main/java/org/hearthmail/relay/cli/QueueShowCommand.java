package org.hearthmail.relay.cli;

import java.util.concurrent.Callable;
import org.hearthmail.relay.queue.QueuedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code edge-relay queue show ID}. */
@Command(name = "show", description = "Show one queued message: envelope and each recipient's state and last reply.")
final class QueueShowCommand implements Callable<Integer> {

    @Mixin
    QueueAccess queue;

    @Parameters(paramLabel = "ID", description = "Queue id, as printed by 'queue list'.")
    String id;

    @Override
    public Integer call() {
        QueuedMessage m = queue.open().find(id)
                .orElseThrow(() -> new IllegalArgumentException("no queued message " + id));
        queue.out().println(queue.json ? QueueFormat.json(m) : QueueFormat.details(m));
        return 0;
    }
}
