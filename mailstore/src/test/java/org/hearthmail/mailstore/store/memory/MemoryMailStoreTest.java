package org.hearthmail.mailstore.store.memory;

import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MailboxLifecycleContract;
import org.hearthmail.mailstore.store.StoreOptions;

class MemoryMailStoreTest extends MailboxLifecycleContract {
    @Override
    protected MailStore newStore(StoreOptions options) {
        return new MemoryMailStore(options);
    }
}
