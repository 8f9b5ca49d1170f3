package org.hearthmail.relay.queue;

/**
 * How much the scheduler does at once.
 *
 * @param total          delivery attempts in flight overall
 * @param perDestination attempts in flight to one recipient domain (one attempt may carry many recipients)
 */
public record DeliveryLimits(int total, int perDestination) {
    public DeliveryLimits {
        if (total < 1 || perDestination < 1) {
            throw new IllegalArgumentException("delivery limits must be positive");
        }
    }

    public static DeliveryLimits defaults() {
        return new DeliveryLimits(20, 2);
    }
}
