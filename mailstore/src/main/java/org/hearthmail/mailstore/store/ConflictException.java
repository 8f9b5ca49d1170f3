package org.hearthmail.mailstore.store;

/** The thing to create exists already (domain, user, alias, mailbox name or role). */
public class ConflictException extends StoreException {
    public ConflictException(String message) {
        super(message);
    }
}
