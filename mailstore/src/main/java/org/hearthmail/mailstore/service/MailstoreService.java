package org.hearthmail.mailstore.service;

import java.nio.file.Path;
import java.time.Clock;
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
import org.hearthmail.service.Foreground;
import org.hearthmail.service.Listeners;

/** The mailstore's services for one data directory. Start once, close once. */
public final class MailstoreService implements Foreground.Service {

    private final MailstoreConfig config;
    private final SqliteMailStore store;
    private final ExecutorService storeWork;
    private final Listeners listeners = new Listeners();

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
                in.relayAddresses(), in.maxMessageSize(), config.authResults().authservId(), false,
                config.delivery().junkOn().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet())),
                store, storeWork);
        listeners.add("SMTP intake", intake.start(), intake);
        return this;
    }

    @Override
    public List<Listeners.Listener> listeners() {
        return listeners.list();
    }

    public SqliteMailStore store() {
        return store;
    }

    @Override
    public void close() {
        listeners.close();
        storeWork.shutdown();
        try {
            storeWork.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
