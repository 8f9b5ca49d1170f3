package org.hearthmail.relay.cli;

import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import picocli.CommandLine.Command;

/** {@code edge-relay queue retry}. */
@Command(name = "retry", description = "Deliver now: clear the back-off of every recipient not yet delivered or bounced.")
final class QueueRetryCommand extends QueueActionCommand {

    @Override
    String done() {
        return "retry scheduled";
    }

    @Override
    boolean apply(QueueStore q, String id) {
        return q.update(id, QueuedMessage::retryNowAll).isPresent();
    }
}
