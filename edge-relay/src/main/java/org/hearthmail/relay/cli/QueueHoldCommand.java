package org.hearthmail.relay.cli;

import org.hearthmail.relay.queue.QueueStore;
import picocli.CommandLine.Command;

/** {@code edge-relay queue hold}. */
@Command(name = "hold", description = "Keep messages in the queue without delivering them until released.")
final class QueueHoldCommand extends QueueActionCommand {

    @Override
    String done() {
        return "held";
    }

    @Override
    boolean apply(QueueStore q, String id) {
        return q.update(id, m -> m.withHeld(true)).isPresent();
    }
}
