package org.hearthmail.relay.cli;

import org.hearthmail.relay.queue.QueueStore;
import picocli.CommandLine.Command;

/** {@code edge-relay queue delete}. */
@Command(name = "delete", description = "Remove messages from the queue without delivering them and without a bounce.")
final class QueueDeleteCommand extends QueueActionCommand {

    @Override
    String done() {
        return "deleted";
    }

    @Override
    boolean apply(QueueStore q, String id) {
        return q.delete(id);
    }
}
