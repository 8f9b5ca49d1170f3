package org.hearthmail.mailstore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.hearthmail.mailstore.auth.AccountService;
import org.hearthmail.mailstore.auth.AppPasswordSecrets;
import org.hearthmail.mailstore.auth.Argon2Params;
import org.hearthmail.mailstore.auth.PasswordHasher;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;

/**
 * An existing installation opened by an administrative command: its validated config and its store,
 * opened beside a possibly running {@code mailstore run} (no start-up sweep; SQLite serializes the
 * two processes' writes). Never creates anything: a wrong {@code --data-dir} is an error, not a new
 * empty installation.
 */
final class Installation implements AutoCloseable {
    /** Password hashes made by the CLI use the same parameters the server checks against. */
    static final Argon2Params HASH_PARAMS = Argon2Params.RFC9106_LOW_MEMORY;

    private final DataDirectory dir;
    private final MailstoreConfig config;
    private final SqliteMailStore store;

    private Installation(DataDirectory dir, MailstoreConfig config, SqliteMailStore store) {
        this.dir = dir;
        this.config = config;
        this.store = store;
    }

    /** @throws NoInstallationException if {@code root} holds no installation */
    static Installation open(Path root) {
        DataDirectory dir = new DataDirectory(root);
        if (!Files.isRegularFile(dir.database())) {
            throw new NoInstallationException("no mailstore installation in " + dir.root() + " ("
                    + DataDirectory.DATABASE + " not found); run 'mailstore init' or pass --data-dir");
        }
        MailstoreConfig config = ConfigLoader.load(dir.root());
        StoreOptions options = new StoreOptions(config.delivery().subaddressSeparator(), 1,
                java.time.Clock.systemUTC(), org.hearthmail.mailstore.store.Sealer.identity(),
                config.delivery().folderDelivery());
        return new Installation(dir, config, SqliteMailStore.openBeside(dir, options));
    }

    DataDirectory dir() {
        return dir;
    }

    MailstoreConfig config() {
        return config;
    }

    SqliteMailStore store() {
        return store;
    }

    AccountService accounts() {
        SecureRandom random = new SecureRandom();
        return new AccountService(store, new PasswordHasher(HASH_PARAMS, random), new AppPasswordSecrets(random));
    }

    @Override
    public void close() {
        store.close();
    }

    /** The data directory does not hold an installation. */
    static final class NoInstallationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoInstallationException(String message) {
            super(message);
        }
    }
}
