package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.Test;

class BodyLocationsTest {
    private static Target row(long mailboxId, long uid, BlobId blob, long size) {
        return new Target((int) uid, new MessageMeta(mailboxId, uid, 1, Set.of(), Instant.EPOCH, size, blob, null, null));
    }

    @Test
    void aRememberedBodyIsFoundOnlyUnderItsMailboxUidValidityAndUid() {
        BodyLocations locations = BodyLocations.of(new MemoryMailStore(StoreOptions.defaults()));
        BlobId blob = BlobId.random();
        locations.remember(77, List.of(row(5, 3, blob, 1234)));
        assertThat(locations.get(5, 77, 3)).isEqualTo(new BodyLocations.Location(blob, 1234));
        // RFC 3501 §2.3.1.1: a mailbox re-created under the same id has a new UIDVALIDITY; its UID 3
        // is another message, never this body
        assertThat(locations.get(5, 78, 3)).isNull();
        assertThat(locations.get(6, 77, 3)).isNull();
        assertThat(locations.get(5, 77, 4)).isNull();
    }

    @Test
    void eachStoreHasItsOwnCache() {
        MemoryMailStore one = new MemoryMailStore(StoreOptions.defaults());
        assertThat(BodyLocations.of(one)).isSameAs(BodyLocations.of(one));
        BodyLocations.of(one).remember(1, List.of(row(1, 1, BlobId.random(), 10)));
        assertThat(BodyLocations.of(new MemoryMailStore(StoreOptions.defaults())).get(1, 1, 1)).isNull();
    }

    @Test
    void pastItsBoundTheCacheEmptiesAndRefills() {
        BodyLocations locations = new BodyLocations(100);
        List<Target> rows = new ArrayList<>();
        for (long uid = 1; uid <= 250; uid++) {
            rows.add(row(1, uid, BlobId.random(), uid));
        }
        locations.remember(9, rows);
        assertThat(locations.size()).isBetween(1, 100);
        assertThat(locations.get(1, 9, 250).size()).isEqualTo(250);
        assertThat(locations.get(1, 9, 1)).isNull(); // emptied on the way
    }
}
