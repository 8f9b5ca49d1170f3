package org.hearthmail.relay.cli;

import org.hearthmail.relay.queue.QueueStore;
import picocli.CommandLine.Command;

/** {@code edge-relay queue release}. */
@Command(name = "release", description = "Release held messages for delivery.")
final class QueueReleaseCommand extends QueueActionCommand {

    @Override
    String done() {
        return "released";
    }

    @Override
    boolean apply(QueueStore q, String id) {
        return q.update(id, m -> m.withHeld(false)).isPresent();
    }
}
