package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.Quota;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RCPT answers from memory: what is kept, and every way a kept answer is voided. */
class RecipientCacheTest {
    @TempDir
    Path tmp;

    private static final Resolution.Resolved BOB = new Resolution.Resolved(new User(1, "bob", "example.test"),
            new Mailbox(1, 1, "INBOX", MailboxRole.INBOX, 1, 1, 1));

    // ---- the cache alone ----------------------------------------------------------------------

    @Test
    void onlyPositiveAnswersAreKept() {
        RecipientCache cache = new RecipientCache();
        cache.put("nobody@example.test", cache.generation(), new Resolution.Unknown("nobody@example.test"));
        cache.put("full@example.test", cache.generation(), new Resolution.OverQuota(BOB.user(), new Quota(1, 10, 10)));
        cache.put("bob@example.test", cache.generation(), BOB);
        assertThat(cache.get("nobody@example.test")).isEmpty();
        assertThat(cache.get("full@example.test")).isEmpty();
        assertThat(cache.get("bob@example.test")).contains(BOB);
    }

    @Test
    void anAnswerReadBeforeAnInvalidationIsNotKept() {
        RecipientCache cache = new RecipientCache();
        long before = cache.generation();
        cache.invalidateAll(); // a change committed while the lookup ran
        cache.put("bob@example.test", before, BOB);
        assertThat(cache.get("bob@example.test")).isEmpty();
    }

    @Test
    void invalidationVoidsKeptAnswers() {
        RecipientCache cache = new RecipientCache();
        cache.put("bob@example.test", cache.generation(), BOB);
        cache.invalidateAll();
        assertThat(cache.get("bob@example.test")).isEmpty();
    }

    @Test
    void answersExpireAfterTheirTimeToLive() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RecipientCache cache = new RecipientCache(now::get, 2_000);
        cache.put("bob@example.test", cache.generation(), BOB);
        now.addAndGet(1_999_000_000L);
        assertThat(cache.get("bob@example.test")).contains(BOB);
        now.addAndGet(2_000_000L);
        assertThat(cache.get("bob@example.test")).isEmpty();
    }

    // ---- in the store ---------------------------------------------------------------------------

    private static ByteArrayInputStream message(int bodyOctets) {
        return new ByteArrayInputStream(("Subject: t\r\n\r\n" + "x".repeat(bodyOctets) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theStoreAnswersARepeatedLookupFromMemoryAndDeliveriesKeepTheAnswer() throws Exception {
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(tmp.resolve("d")), StoreOptions.defaults())) {
            s.addDomain("example.test");
            s.addUser("bob@example.test", null, 0);
            assertThat(s.cachedResolution("bob@example.test")).isEmpty();
            assertThat(s.resolveRecipient("bob@example.test")).isInstanceOf(Resolution.Resolved.class);
            assertThat(s.cachedResolution("bob@example.test")).get().isInstanceOf(Resolution.Resolved.class);
            s.deliver(List.of("bob@example.test"), message(10));
            assertThat(s.cachedResolution("bob@example.test")).as("a delivery changes no account").isPresent();
        }
    }

    @Test
    void theIntakesLookupOfAKnownRecipientCompletesAtOnceWithoutTheStoreExecutor() {
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(tmp.resolve("d")), StoreOptions.defaults())) {
            s.addDomain("example.test");
            s.addUser("bob@example.test", null, 0);
            java.util.concurrent.atomic.AtomicInteger hops = new java.util.concurrent.atomic.AtomicInteger();
            org.hearthmail.mailstore.store.AsyncStore async = new org.hearthmail.mailstore.store.AsyncStore(s, r -> {
                hops.incrementAndGet();
                r.run();
            });
            assertThat(async.resolveRecipient("bob@example.test").join()).isInstanceOf(Resolution.Resolved.class);
            assertThat(hops).as("first lookup reads the database on the executor").hasValue(1);
            var second = async.resolveRecipient("bob@example.test");
            assertThat(second).isCompleted();
            assertThat(second.join()).isInstanceOf(Resolution.Resolved.class);
            assertThat(async.resolveRecipient("nobody@example.test").join()).isInstanceOf(Resolution.Unknown.class);
            assertThat(hops).as("only the unknown address went to the executor again").hasValue(2);
        }
    }

    @Test
    void removingTheUserInThisProcessVoidsTheAnswerAtOnce() {
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(tmp.resolve("d")), StoreOptions.defaults())) {
            s.addDomain("example.test");
            User bob = s.addUser("bob@example.test", null, 0);
            s.resolveRecipient("bob@example.test");
            s.removeUser(bob.id());
            assertThat(s.cachedResolution("bob@example.test")).isEmpty();
            assertThat(s.resolveRecipient("bob@example.test")).isInstanceOf(Resolution.Unknown.class);
        }
    }

    @Test
    void aUserRemovedByAnotherProcessIsNeverDeliveredToAndIsRefusedAfterOurNextWrite() throws Exception {
        DataDirectory dir = new DataDirectory(tmp.resolve("d"));
        try (SqliteMailStore server = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            server.addDomain("example.test");
            server.addUser("alice@example.test", null, 0);
            User bob = server.addUser("bob@example.test", null, 0);
            server.resolveRecipient("bob@example.test");
            try (SqliteMailStore cli = SqliteMailStore.openBeside(dir, StoreOptions.defaults())) {
                cli.removeUser(bob.id());
            }
            // The delivery resolves afresh inside its transaction, whatever RCPT was told.
            var result = server.deliver(List.of("bob@example.test", "alice@example.test"), message(10));
            assertThat(result.delivered()).hasSize(1);
            assertThat(server.cachedResolution("bob@example.test")).as("voided by the write that noticed").isEmpty();
            assertThat(server.resolveRecipient("bob@example.test")).isInstanceOf(Resolution.Unknown.class);
        }
    }

    @Test
    void aDeliveryThatFillsTheQuotaTurnsTheAnswerIntoMailboxFull() throws Exception {
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(tmp.resolve("d")), StoreOptions.defaults())) {
            s.addDomain("example.test");
            s.addUser("bob@example.test", null, 200);
            assertThat(s.resolveRecipient("bob@example.test")).isInstanceOf(Resolution.Resolved.class);
            s.deliver(List.of("bob@example.test"), message(100));
            assertThat(s.resolveRecipient("bob@example.test")).as("room left").isInstanceOf(Resolution.Resolved.class);
            s.deliver(List.of("bob@example.test"), message(68)); // 116 + 84 octets = the limit
            assertThat(s.cachedResolution("bob@example.test")).isEmpty();
            assertThat(s.resolveRecipient("bob@example.test")).isInstanceOf(Resolution.OverQuota.class);
        }
    }
}
