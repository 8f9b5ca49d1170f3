package org.hearthmail.mailstore.store;

import java.time.Clock;

/**
 * Settings every store implementation takes.
 *
 * @param subAddressSeparator separator of {@code user+tag@domain}; "" disables plus-addressing
 * @param readerConnections   read-only database connections (SQLite); at least 1
 * @param clock               source of internal dates and timestamps
 * @param sealer              the encryption-at-rest seam
 */
public record StoreOptions(String subAddressSeparator, int readerConnections, Clock clock, Sealer sealer) {
    public StoreOptions {
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, was " + readerConnections);
        }
        new RecipientResolver(subAddressSeparator);
    }

    public static StoreOptions defaults() {
        return new StoreOptions("+", 4, Clock.systemUTC(), Sealer.identity());
    }

    public StoreOptions withSeparator(String separator) {
        return new StoreOptions(separator, readerConnections, clock, sealer);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(subAddressSeparator, readerConnections, c, sealer);
    }

    public StoreOptions withSealer(Sealer s) {
        return new StoreOptions(subAddressSeparator, readerConnections, clock, s);
    }

    public RecipientResolver resolver() {
        return new RecipientResolver(subAddressSeparator);
    }
}
