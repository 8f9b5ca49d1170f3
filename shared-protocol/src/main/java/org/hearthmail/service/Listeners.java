package org.hearthmail.service;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of a running service; closed in the reverse order of starting. */
public final class Listeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    /** A listener that is up. */
    public record Listener(String name, InetSocketAddress address) {
        public String display() {
            return name + " on " + address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    /** Records a started listener and what closes it. */
    public synchronized void add(String name, InetSocketAddress address, AutoCloseable closer) {
        running.add(closer);
        listeners.add(new Listener(name, address));
        log.info("{} listening on {}", name, address);
    }

    public synchronized List<Listener> list() {
        return List.copyOf(listeners);
    }

    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", listeners.get(i).name(), e.toString());
            }
        }
        running.clear();
    }
}
