package org.hearthmail.mailstore.auth;

import org.hearthmail.mailstore.store.StoreException;

/** A new password does not meet the minimum rules; the message says which (never the password). */
public final class WeakPasswordException extends StoreException {
    public WeakPasswordException(String message) {
        super(message);
    }
}
