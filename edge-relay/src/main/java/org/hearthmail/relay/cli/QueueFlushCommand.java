package org.hearthmail.relay.cli;

import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import picocli.CommandLine.Command;

/** {@code edge-relay queue flush}: {@code queue retry --all}. */
@Command(name = "flush", description = "Retry every queued message now, ignoring back-off (same as 'retry --all').")
final class QueueFlushCommand extends QueueActionCommand {

    @Override
    public Integer call() {
        all = true;
        return super.call();
    }

    @Override
    String done() {
        return "retry scheduled";
    }

    @Override
    boolean apply(QueueStore q, String id) {
        return q.update(id, QueuedMessage::retryNowAll).isPresent();
    }
}
