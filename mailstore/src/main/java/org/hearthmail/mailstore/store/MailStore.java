package org.hearthmail.mailstore.store;

import java.util.function.Consumer;

/**
 * The whole storage of a mailstore: accounts, mailboxes, messages and change events. Implemented
 * by {@code store.sqlite} (the real one) and {@code store.memory} (same contract, for tests).
 * Thread-safe. <b>All methods block</b>; never call them from a Netty event loop.
 */
public interface MailStore extends AccountStore, MailboxStore, MessageStore, AutoCloseable {

    /**
     * Registers a listener for committed changes; it runs on the committing thread and must be
     * quick. Closing the handle unsubscribes.
     */
    AutoCloseable subscribe(Consumer<StoreEvent> listener);

    @Override
    void close();
}
