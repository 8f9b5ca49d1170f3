package org.hearthmail.mailstore.store;

/** An address that is not a usable {@code local@domain}. */
public class InvalidAddressException extends StoreException {
    public InvalidAddressException(String message) {
        super(message);
    }
}
