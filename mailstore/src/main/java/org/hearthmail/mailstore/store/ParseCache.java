package org.hearthmail.mailstore.store;

/**
 * The IMAP layer's parse results of one message, as {@link MessageStore#cacheParse} keeps them:
 * opaque to the store, which seals and stores them with the message's row.
 */
public record ParseCache(String envelope, String bodyStructure) {
}
