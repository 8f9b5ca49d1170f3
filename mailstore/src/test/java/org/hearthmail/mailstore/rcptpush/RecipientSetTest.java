package org.hearthmail.mailstore.rcptpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCachePush;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientSetTest {
    private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyUserAliasAndCatchAllIsDeliverableAndNothingElse() {
        MemoryMailStore store = new MemoryMailStore(StoreOptions.defaults());
        store.addDomain("example.test");
        store.addDomain("other.test");
        long alice = store.addUser("alice@example.test", null, 0).id();
        store.addAlias("postmaster@example.test", alice);
        store.addAlias("@other.test", alice);

        RecipientSet set = RecipientSet.of(store);
        assertThat(set.addresses()).containsExactly("alice@example.test", "postmaster@example.test");
        assertThat(set.catchAllDomains()).containsExactly("other.test");

        RecipientCache cache = set.toCache(SALT, 7, "+");
        assertThat(cache.generation()).isEqualTo(7);
        assertThat(cache.contains(new Mailbox("Alice+lists", "example.test"))).isTrue();
        assertThat(cache.contains(new Mailbox("postmaster", "EXAMPLE.test"))).isTrue();
        assertThat(cache.contains(new Mailbox("anyone", "other.test"))).isTrue();
        assertThat(cache.contains(new Mailbox("bob", "example.test"))).isFalse();
    }

    @Test
    void twoSnapshotsAreEqualExactlyWhenNothingDeliverableChanged() {
        MemoryMailStore store = new MemoryMailStore(StoreOptions.defaults());
        store.addDomain("example.test");
        long alice = store.addUser("alice@example.test", null, 0).id();
        RecipientSet before = RecipientSet.of(store);
        store.setQuotaLimit(alice, 1 << 20);
        assertThat(RecipientSet.of(store)).isEqualTo(before);
        store.addUser("bob@example.test", null, 0);
        assertThat(RecipientSet.of(store)).isNotEqualTo(before);
    }

    @Test
    void theRelaysRepliesAreReadIntoOutcomes() {
        assertThat(RelayCachePusher.outcome(RecipientCachePush.installed(5, 3))).isEqualTo(new PushOutcome.Installed(5, 3));
        assertThat(RelayCachePusher.outcome(RecipientCachePush.current(5))).isEqualTo(new PushOutcome.Confirmed(5));
        assertThat(RelayCachePusher.outcome(RecipientCachePush.outdated(9))).isEqualTo(new PushOutcome.Outdated(9));
        assertThat(RelayCachePusher.outcome(RecipientCachePush.rejected("damaged"))).isInstanceOf(PushOutcome.Refused.class);
        assertThat(RelayCachePusher.outcome(Reply.LOCAL_ERROR)).isInstanceOf(PushOutcome.Unreachable.class);
    }

    @Test
    void theSaltIsMadeOnceOwnerOnlyAndReadBackTheSame(@TempDir Path dir) throws Exception {
        byte[] first = RecipientCacheSalt.loadOrCreate(dir.resolve("keys"));
        assertThat(first).hasSize(RecipientCacheSalt.LENGTH);
        assertThat(RecipientCacheSalt.loadOrCreate(dir.resolve("keys"))).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys").resolve(RecipientCacheSalt.NAME)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
