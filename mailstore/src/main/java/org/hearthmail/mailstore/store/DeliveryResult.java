package org.hearthmail.mailstore.store;

import java.util.List;

/**
 * Outcome of one delivery: one entry per recipient, in the order given.
 *
 * @param duplicate the message's relay transaction id was committed before
 *                  ({@link MessageStore#deliverOnce}): nothing was stored and {@code outcomes} is empty
 */
public record DeliveryResult(long size, List<RecipientOutcome> outcomes, boolean duplicate) {
    public DeliveryResult {
        outcomes = List.copyOf(outcomes);
    }

    public DeliveryResult(long size, List<RecipientOutcome> outcomes) {
        this(size, outcomes, false);
    }

    /** A copy of a message already committed under the same relay transaction id. */
    public static DeliveryResult duplicateOf(long size) {
        return new DeliveryResult(size, List.of(), true);
    }

    public boolean anyDelivered() {
        return outcomes.stream().anyMatch(o -> o instanceof RecipientOutcome.Delivered);
    }

    public List<RecipientOutcome.Delivered> delivered() {
        return outcomes.stream().filter(o -> o instanceof RecipientOutcome.Delivered)
                .map(o -> (RecipientOutcome.Delivered) o).toList();
    }
}
