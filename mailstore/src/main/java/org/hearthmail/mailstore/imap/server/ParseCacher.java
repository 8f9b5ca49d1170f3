package org.hearthmail.mailstore.imap.server;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.hearthmail.mailstore.imap.command.HeaderIndex;
import org.hearthmail.mailstore.imap.command.MessageContent;
import org.hearthmail.mailstore.imap.command.RenderedCache;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each message once, when it is added, and keeps ENVELOPE and the part tree in the store's
 * cache (so FETCH reads them instead of the body). Work runs on the executor, never on the
 * committing thread. A message FETCHed before this finished is parsed there instead. Messages that
 * arrive parsed (APPEND parses what it holds in memory anyway) are left alone.
 */
final class ParseCacher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParseCacher.class);
    private final MailStore store;
    private final Executor executor;
    private final AutoCloseable subscription;

    ParseCacher(MailStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
        this.subscription = store.subscribe(this::onEvent);
    }

    private void onEvent(StoreEvent e) {
        if (!(e instanceof StoreEvent.MessageAdded a) || a.parseCached()) {
            return; // an APPEND parsed its message and committed the results with it
        }
        try {
            executor.execute(() -> parse(a));
        } catch (RejectedExecutionException ex) {
            LOG.debug("not parsing UID {} in mailbox {}: executor closed", a.uid(), a.mailboxId());
        }
    }

    private void parse(StoreEvent.MessageAdded a) {
        try {
            MessageMeta m = store.message(a.mailboxId(), a.uid()).orElse(null);
            if (m != null && (m.envelope() == null || m.bodyStructure() == null)) {
                MessageContent.parseAndCache(store, m, HeaderIndex.of(store), RenderedCache.of(store));
            }
        } catch (IOException | StoreException ex) {
            LOG.warn("parsing UID {} in mailbox {} failed: {}", a.uid(), a.mailboxId(), ex.toString());
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("unsubscribing the parse cacher failed: {}", e.toString());
        }
    }
}
