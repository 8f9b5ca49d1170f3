package org.hearthmail.relay.queue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries out one delivery attempt. The future must complete (normally) with one outcome per
 * requested recipient; an exceptional completion is treated as a temporary failure of all.
 */
@FunctionalInterface
public interface DeliveryAgent {
    CompletableFuture<List<DeliveryOutcome>> deliver(DeliveryRequest request);
}
