package org.hearthmail.mailstore.store;

/** A named domain, user, mailbox or message does not exist. */
public class NotFoundException extends StoreException {
    public NotFoundException(String message) {
        super(message);
    }
}
