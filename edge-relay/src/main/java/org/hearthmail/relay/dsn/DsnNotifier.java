package org.hearthmail.relay.dsn;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearthmail.relay.queue.NoticeSink;
import org.hearthmail.relay.queue.QueueException;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures and delays into DSNs and queues them, durably, for the mailstore route: from the
 * null sender (RFC 5321 §4.5.5, so that a notice never causes another notice) to the original sender.
 */
public final class DsnNotifier implements NoticeSink {
    private static final Logger LOG = LoggerFactory.getLogger(DsnNotifier.class);

    private final QueueStore queue;
    private final DsnBuilder builder;
    private final Clock clock;
    private final Duration giveUpAfter;

    public DsnNotifier(QueueStore queue, String reportingMta, Clock clock, Duration giveUpAfter) {
        this.queue = queue;
        this.builder = new DsnBuilder(reportingMta);
        this.clock = clock;
        this.giveUpAfter = giveUpAfter;
    }

    @Override
    public void notice(QueuedMessage message, Kind kind, List<RecipientState> recipients) {
        if (message.nullSender()) {
            return; // RFC 3461 §6.2 / RFC 5321 §4.5.5: never a notice about a notice
        }
        Instant until = Instant.ofEpochMilli(message.receivedMillis()).plus(giveUpAfter);
        try {
            byte[] dsn = builder.build(message, kind, recipients, queue.contentPath(message.id()), clock.instant(), until);
            QueuedMessage env = new QueuedMessage("pending", "", null, null, message.body(), false, clock.millis(), 0,
                    false, Route.MAILSTORE, List.of(RecipientState.pending(message.sender(), List.of(), null)));
            QueuedMessage q = queue.enqueue(env, dsn);
            LOG.info("{} notice {} for {} to {} about {} recipient(s)", kind, q.id(), message.id(),
                    org.hearthmail.log.LogPrivacy.current().address(message.sender()),
                    recipients.size());
        } catch (IOException e) {
            throw new QueueException("cannot build the " + kind + " notice for " + message.id() + ": " + e.getMessage(), e);
        }
    }
}
