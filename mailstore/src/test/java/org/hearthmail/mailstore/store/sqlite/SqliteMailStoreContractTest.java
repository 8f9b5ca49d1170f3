package org.hearthmail.mailstore.store.sqlite;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MailboxLifecycleContract;
import org.hearthmail.mailstore.store.StoreOptions;
import org.junit.jupiter.api.io.TempDir;

class SqliteMailStoreContractTest extends MailboxLifecycleContract {
    @TempDir
    Path tmp;
    private final AtomicInteger n = new AtomicInteger();

    @Override
    protected MailStore newStore(StoreOptions options) {
        return SqliteMailStore.open(new DataDirectory(tmp.resolve("data" + n.incrementAndGet())), options);
    }
}
