package org.hearthmail.mailstore.store;

/** Base of every failure the store reports. Messages are fit for an operator; never contain secrets. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
