package org.hearthmail.mailstore.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long, and how many, relay transaction ids a store remembers after committing their message
 * ({@link MessageStore#deliverOnce}). The relay spools a second copy of a message only when the
 * mailstore did not answer in time, and hands it over as soon as the mailstore answers again; a
 * week covers any outage an operator lets run, and the count bound keeps a flood from growing the
 * table without limit (an id pushed out early can at worst let one duplicate through).
 *
 * @param keep how long an id counts after its commit
 * @param max  most ids held; the oldest go first
 */
public record TransactionMemory(Duration keep, int max) {

    public static final TransactionMemory DEFAULT = new TransactionMemory(Duration.ofDays(7), 100_000);

    public TransactionMemory {
        Objects.requireNonNull(keep, "keep");
        if (keep.isNegative() || keep.isZero() || max < 1) {
            throw new IllegalArgumentException("keep and max must be positive");
        }
    }
}
