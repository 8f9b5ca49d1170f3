package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.TransactionMemory;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MessageStore.deliverOnce on SQLite: a committed relay transaction id makes later copies duplicates, for a while and up to a count. */
class RelayTransactionMemoryTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private SqliteMailStore store;
    private User alice;

    private void open(TransactionMemory memory) {
        store = SqliteMailStore.open(new DataDirectory(dir).create(), StoreOptions.defaults().withClock(clock), memory);
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private DeliveryResult deliver(String id) throws Exception {
        byte[] msg = ("Subject: " + id + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        return store.deliverOnce(id, List.of("alice@example.test"), MailboxRole.INBOX, new ByteArrayInputStream(msg));
    }

    private int inbox() {
        return store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id()).size();
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    @Test
    void aSecondCopyWithACommittedIdIsADuplicateAndStoresNothing() throws Exception {
        open(TransactionMemory.DEFAULT);
        assertThat(deliver(id(1)).duplicate()).isFalse();
        DeliveryResult again = deliver(id(1));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.outcomes()).isEmpty();
        assertThat(deliver(id(2)).duplicate()).as("another id").isFalse();
        assertThat(inbox()).isEqualTo(2);
        assertThat(store.relayTransactionCount()).isEqualTo(2);
    }

    @Test
    void anIdIsForgottenAfterItsKeepTime() throws Exception {
        open(new TransactionMemory(Duration.ofDays(7), 1000));
        deliver(id(1));
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(deliver(id(1)).duplicate()).as("within 7 days").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(deliver(id(1)).duplicate()).as("7 days and a second later").isFalse();
        assertThat(inbox()).isEqualTo(2);
        deliver(id(2));
        clock.advance(Duration.ofDays(8));
        deliver(id(3));
        assertThat(store.relayTransactionCount()).as("expired rows are deleted at the next insert").isEqualTo(1);
    }

    @Test
    void atMostMaxIdsAreKeptAndTheOldestGoFirst() throws Exception {
        open(new TransactionMemory(Duration.ofDays(7), 3));
        for (int i = 1; i <= 5; i++) {
            deliver(id(i));
        }
        assertThat(store.relayTransactionCount()).isEqualTo(3);
        assertThat(deliver(id(5)).duplicate()).isTrue();
        assertThat(deliver(id(3)).duplicate()).isTrue();
        assertThat(deliver(id(1)).duplicate()).as("pushed out by newer ids").isFalse();
        assertThat(store.relayTransactionCount()).isEqualTo(3);
    }

    @Test
    void anIdIsNotRememberedWhenNoRecipientGotTheMessage() throws Exception {
        open(TransactionMemory.DEFAULT);
        DeliveryResult none = store.deliverOnce(id(9), List.of("nobody@example.test"), MailboxRole.INBOX,
                new ByteArrayInputStream("Subject: x\r\n\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(none.anyDelivered()).isFalse();
        assertThat(deliver(id(9)).duplicate()).as("a later copy may still be delivered").isFalse();
        assertThat(inbox()).isEqualTo(1);
    }
}
