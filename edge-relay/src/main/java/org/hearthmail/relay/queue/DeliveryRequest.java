package org.hearthmail.relay.queue;

import java.nio.file.Path;
import java.util.List;

/**
 * One delivery attempt: a message's due recipients of one domain (or, for the mailstore route, all
 * its due recipients), and where its content is.
 */
public record DeliveryRequest(QueuedMessage message, String domain, List<RecipientState> recipients, Path content) {
    public DeliveryRequest {
        recipients = List.copyOf(recipients);
    }
}
