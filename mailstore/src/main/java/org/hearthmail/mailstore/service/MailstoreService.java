package org.hearthmail.mailstore.service;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Sealer;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mailstore's services for one data directory. Start once, close once. */
public final class MailstoreService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailstoreService.class);

    /** A listener that is up. */
    public record Listener(String name, InetSocketAddress address) {
    }

    private final MailstoreConfig config;
    private final SqliteMailStore store;
    private final ExecutorService storeWork;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    private MailstoreService(MailstoreConfig config, SqliteMailStore store, ExecutorService storeWork) {
        this.config = config;
        this.store = store;
        this.storeWork = storeWork;
    }

    /** Loads and validates the configuration, opens the store; nothing listens yet. */
    public static MailstoreService open(Path dataDir) {
        DataDirectory dir = new DataDirectory(dataDir);
        MailstoreConfig config = ConfigLoader.load(dir.root());
        StoreOptions options = new StoreOptions(config.delivery().subaddressSeparator(), 4, Clock.systemUTC(), Sealer.identity());
        SqliteMailStore store = SqliteMailStore.open(dir, options);
        // Store work (disk, fsync, SQLite) never runs on an event loop.
        ExecutorService work = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2), r -> {
            Thread t = new Thread(r, "store-work");
            t.setDaemon(true);
            return t;
        });
        return new MailstoreService(config, store, work);
    }

    public MailstoreService start() throws InterruptedException {
        MailstoreConfig.Intake in = config.intake();
        IntakeServer intake = new IntakeServer(new IntakeConfig(config.hostname(), in.listen().socketAddress(),
                in.relayAddresses(), in.maxMessageSize(), config.authResults().authservId(), false), store, storeWork);
        running.add(intake);
        listeners.add(new Listener("SMTP intake", intake.start()));
        for (Listener l : listeners) {
            log.info("{} listening on {}", l.name(), l.address());
        }
        return this;
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    public SqliteMailStore store() {
        return store;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("closing a listener failed: {}", e.toString());
            }
        }
        storeWork.shutdown();
        try {
            storeWork.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
