package org.hearthmail.mailstore.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The intake's non-blocking view of a {@link MessageStore}: each call runs on {@code executor}
 * (never an event loop) and completes the future there. Callers hop back to their channel's event
 * loop themselves.
 */
public final class AsyncStore {
    private final MessageStore store;
    private final Executor executor;

    public AsyncStore(MessageStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Completes at once (on the caller's thread) when the store has the answer in memory. */
    public CompletableFuture<Resolution> resolveRecipient(String address) {
        Optional<Resolution> cached = store.cachedResolution(address);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return run(() -> store.resolveRecipient(address));
    }

    /** The future fails with an {@link IOException} cause if the body could not be stored. */
    public CompletableFuture<DeliveryResult> deliver(List<String> recipients, InputStream body) {
        return deliver(recipients, MailboxRole.INBOX, body);
    }

    public CompletableFuture<DeliveryResult> deliver(List<String> recipients, MailboxRole target, InputStream body) {
        return deliver(null, recipients, target, body);
    }

    /** With a relay transaction id ({@link MessageStore#deliverOnce}); null: none, every copy is delivered. */
    public CompletableFuture<DeliveryResult> deliver(String relayTransactionId, List<String> recipients, MailboxRole target,
                                                     InputStream body) {
        return deliver(relayTransactionId, recipients, target, body, () -> null);
    }

    /** With the parse results {@code parsed} gives once the body was read ({@link MessageStore#deliver(String, List, MailboxRole, InputStream, Supplier)}). */
    public CompletableFuture<DeliveryResult> deliver(String relayTransactionId, List<String> recipients, MailboxRole target,
                                                     InputStream body, Supplier<ParseCache> parsed) {
        return run(() -> {
            try {
                return store.deliver(relayTransactionId, recipients, target, body, parsed);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private <T> CompletableFuture<T> run(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /** Unwraps a failure of one of these futures to its cause, for error replies. */
    public static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException
                || c instanceof UncheckedIOException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
