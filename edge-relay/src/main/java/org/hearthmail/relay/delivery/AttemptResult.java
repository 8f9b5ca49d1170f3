package org.hearthmail.relay.delivery;

import java.util.List;
import org.hearthmail.relay.queue.DeliveryOutcome;

/** What one SMTP session to one address decided. */
sealed interface AttemptResult {

    /** The server gave an answer for every recipient: stop here. */
    record Done(List<DeliveryOutcome> outcomes) implements AttemptResult {
    }

    /** This address could not take the mail now (no connection, 421, 4yz to MAIL): try the next one. */
    record TryNext(String reason, boolean tlsFailed) implements AttemptResult {
    }
}
