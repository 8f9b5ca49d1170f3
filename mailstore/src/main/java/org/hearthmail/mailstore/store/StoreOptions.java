package org.hearthmail.mailstore.store;

import java.time.Clock;

/**
 * Settings every store implementation takes.
 *
 * @param subAddressSeparator separator of {@code user+tag@domain}; "" disables plus-addressing
 * @param readerConnections   read-only database connections (SQLite); at least 1
 * @param clock               source of internal dates and timestamps
 * @param sealer              the encryption-at-rest seam
 * @param folderDelivery      deliver {@code user+Folder@domain} into the user's mailbox "Folder"
 *                            (matched without regard to case) when it exists, else to INBOX
 */
public record StoreOptions(String subAddressSeparator, int readerConnections, Clock clock, Sealer sealer,
                           boolean folderDelivery) {
    public StoreOptions {
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, was " + readerConnections);
        }
        new RecipientResolver(subAddressSeparator);
    }

    public static StoreOptions defaults() {
        return new StoreOptions("+", 4, Clock.systemUTC(), Sealer.identity(), false);
    }

    public StoreOptions withSeparator(String separator) {
        return new StoreOptions(separator, readerConnections, clock, sealer, folderDelivery);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(subAddressSeparator, readerConnections, c, sealer, folderDelivery);
    }

    public StoreOptions withSealer(Sealer s) {
        return new StoreOptions(subAddressSeparator, readerConnections, clock, s, folderDelivery);
    }

    /** {@code user+Folder@domain} into the user's mailbox "Folder" (any case) when it exists. */
    public StoreOptions withFolderDelivery(boolean on) {
        return new StoreOptions(subAddressSeparator, readerConnections, clock, sealer, on);
    }

    public RecipientResolver resolver() {
        return new RecipientResolver(subAddressSeparator);
    }
}
