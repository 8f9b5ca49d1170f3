package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed changes to listeners, on the thread that committed. Listeners must return
 * quickly (hand off to their own executor); one failing listener does not stop the others.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(List<? extends StoreEvent> events) {
        for (StoreEvent e : events) {
            for (Consumer<StoreEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("store event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
                }
            }
        }
    }
}
