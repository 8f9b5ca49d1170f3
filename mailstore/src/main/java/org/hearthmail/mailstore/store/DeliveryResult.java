package org.hearthmail.mailstore.store;

import java.util.List;

/** Outcome of one delivery: one entry per recipient, in the order given. */
public record DeliveryResult(long size, List<RecipientOutcome> outcomes) {
    public DeliveryResult {
        outcomes = List.copyOf(outcomes);
    }

    public boolean anyDelivered() {
        return outcomes.stream().anyMatch(o -> o instanceof RecipientOutcome.Delivered);
    }

    public List<RecipientOutcome.Delivered> delivered() {
        return outcomes.stream().filter(o -> o instanceof RecipientOutcome.Delivered)
                .map(o -> (RecipientOutcome.Delivered) o).toList();
    }
}
