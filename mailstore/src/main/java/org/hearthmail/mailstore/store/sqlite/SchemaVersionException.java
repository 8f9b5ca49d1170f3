package org.hearthmail.mailstore.store.sqlite;

import org.hearthmail.mailstore.store.StoreException;

/** The database was written by a newer program than this one; we refuse to touch it. */
public final class SchemaVersionException extends StoreException {
    private final int found;
    private final int known;

    public SchemaVersionException(int found, int known) {
        super("database schema version " + found + " is newer than this program supports (version " + known
                + "); run the newer Hearthmail release that wrote it, or restore a backup");
        this.found = found;
        this.known = known;
    }

    public int found() {
        return found;
    }

    public int known() {
        return known;
    }
}
