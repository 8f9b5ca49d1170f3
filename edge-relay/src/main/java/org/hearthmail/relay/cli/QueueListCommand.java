package org.hearthmail.relay.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.hearthmail.relay.queue.QueueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code edge-relay queue list}. */
@Command(name = "list", description = "List queued outbound messages: id, age, sender, open recipients, next attempt.")
final class QueueListCommand implements Callable<Integer> {

    @Mixin
    QueueAccess queue;

    @Override
    public Integer call() {
        QueueStore q = queue.open();
        var msgs = q.list();
        queue.out().println(queue.json ? QueueFormat.json(msgs) : QueueFormat.table(msgs, Instant.now()));
        return 0;
    }
}
