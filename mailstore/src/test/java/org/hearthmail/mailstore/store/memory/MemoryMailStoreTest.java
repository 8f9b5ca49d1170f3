package org.hearthmail.mailstore.store.memory;

import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MailStoreContract;
import org.hearthmail.mailstore.store.StoreOptions;

class MemoryMailStoreTest extends MailStoreContract {
    @Override
    protected MailStore newStore(StoreOptions options) {
        return new MemoryMailStore(options);
    }
}
