package org.hearthmail.rcptcache;

import java.io.IOException;

/** A recipient cache file is damaged, of an unknown version, or made with another salt. */
public final class RecipientCacheFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecipientCacheFormatException(String message) {
        super(message);
    }
}
