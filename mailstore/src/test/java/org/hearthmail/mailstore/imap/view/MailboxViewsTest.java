package org.hearthmail.mailstore.imap.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxViewsTest {
    private final AtomicLong clock = new AtomicLong();
    private MailStore store;
    private MailboxViews views;
    private long inbox;

    @BeforeEach
    void setUp() {
        store = new MemoryMailStore(StoreOptions.defaults());
        store.addDomain("example.test");
        User u = store.addUser("bob@example.test", null, 0);
        inbox = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
        views = new MailboxViews(store, Duration.ofSeconds(60), clock::get);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void sessionsSelectingOneMailboxShareOneView() {
        try (MailboxViews.Lease a = views.acquire(inbox); MailboxViews.Lease b = views.acquire(inbox)) {
            assertThat(a.view()).isSameAs(b.view());
        }
    }

    @Test
    void aViewNobodyHoldsIsKeptForTheIdlePeriodThenDropped() {
        MailboxView first;
        try (MailboxViews.Lease a = views.acquire(inbox)) {
            first = a.view();
        }
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        try (MailboxViews.Lease again = views.acquire(inbox)) {
            assertThat(again.view()).as("reconnect within the idle period finds it warm").isSameAs(first);
        }
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        try (MailboxViews.Lease later = views.acquire(inbox)) {
            assertThat(later.view()).isNotSameAs(first);
        }
    }

    @Test
    void aHeldViewIsNeverDroppedAndClosingALeaseTwiceReleasesOnce() {
        MailboxViews.Lease a = views.acquire(inbox);
        MailboxViews.Lease b = views.acquire(inbox);
        b.close();
        b.close();
        clock.addAndGet(Duration.ofHours(1).toNanos());
        try (MailboxViews.Lease c = views.acquire(inbox)) {
            assertThat(c.view()).isSameAs(a.view());
        }
        a.close();
        clock.addAndGet(Duration.ofHours(1).toNanos());
        views.acquire(inbox + 1000).close(); // any later use sweeps
        assertThat(views.size()).isEqualTo(1);
    }

    @Test
    void deletingTheMailboxDropsItsView() {
        long other = store.createMailbox(store.mailboxById(inbox).map(m -> m.userId()).orElseThrow(), "Other", MailboxRole.NONE).id();
        try (MailboxViews.Lease a = views.acquire(other)) {
            a.view().sync();
            store.deleteMailbox(other);
            assertThat(views.size()).isZero();
        }
    }

    @Test
    void aWarmViewFollowsChangesWithoutReadingEverythingAgain() throws Exception {
        append(Set.of());
        try (MailboxViews.Lease a = views.acquire(inbox)) {
            ViewSnapshot cold = a.view().sync();
            assertThat(cold.count()).isEqualTo(1);
            append(Set.of(Flags.SEEN));
            store.setFlags(inbox, 1, Set.of(Flags.FLAGGED, "$Work"));
            ViewSnapshot warm = a.view().sync();
            assertThat(warm.count()).isEqualTo(2);
            assertThat(warm.flags(0)).containsExactly("$Work", Flags.FLAGGED);
            assertThat(warm.flags(1)).containsExactly(Flags.SEEN);
            assertThat(cold.count()).as("a snapshot never changes").isEqualTo(1);
            store.expunge(inbox, List.of(1L));
            assertThat(a.view().sync().count()).isEqualTo(1);
            assertThat(a.view().peek().uid(0)).isEqualTo(2);
            MailboxViewConsistencyTest.assertEqualsStore(a.view().sync(), store.summaries(inbox));
        }
    }

    @Test
    void anEventTheViewMissedIsMadeUpForWhenACallerNamesTheUid() throws Exception {
        try (MailboxViews.Lease a = views.acquire(inbox)) {
            a.view().sync();
            // As if the store published to a session before the view heard of it: the session asks for UID 1.
            MailboxView detached = new MailboxView(store, inbox);
            detached.sync();
            append(Set.of());
            assertThat(detached.sync().count()).as("no event reached it").isZero();
            assertThat(detached.sync(1).count()).isEqualTo(1);
        }
    }

    @Test
    void flagSummaryNamesTheKeywordsInUseAndTheFirstUnseenMessage() throws Exception {
        append(Set.of(Flags.SEEN, "$Old"));
        append(Set.of(Flags.SEEN, "$Work"));
        append(Set.of("$Later"));
        append(Set.of());
        store.setFlags(inbox, 1, Set.of(Flags.SEEN)); // $Old no longer used by any message
        try (MailboxViews.Lease a = views.acquire(inbox)) {
            ViewSnapshot.FlagSummary f = a.view().sync().flagSummary();
            assertThat(f.keywords()).containsExactly("$Later", "$Work");
            assertThat(f.firstUnseen()).isEqualTo(2);
            store.setFlags(inbox, 3, Set.of(Flags.SEEN));
            store.setFlags(inbox, 4, Set.of(Flags.SEEN));
            assertThat(a.view().sync().flagSummary().firstUnseen()).isEqualTo(-1);
        }
    }

    @Test
    void aWholeReadKnowsTheMailboxHighestModSeqSoAChangeWhoseEventIsLateIsNoticed(@TempDir Path dir) throws Exception {
        try (MailStore sqlite = SqliteMailStore.open(new DataDirectory(dir), StoreOptions.defaults())) {
            sqlite.addDomain("example.test");
            long box = sqlite.mailbox(sqlite.addUser("bob@example.test", null, 0).id(), MailboxRole.INBOX).orElseThrow().id();
            for (int i = 0; i < 2; i++) {
                sqlite.append(box, Set.of(), Instant.parse("2025-04-15T10:00:00Z"),
                        new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)));
            }
            sqlite.expunge(box, List.of(2L));
            MailboxView detached = new MailboxView(sqlite, box); // hears no events: as if all were late
            assertThat(detached.sync().highestModSeq()).as("expunges included")
                    .isEqualTo(sqlite.mailboxById(box).orElseThrow().highestModSeq());
            sqlite.setFlags(box, 1, Set.of(Flags.FLAGGED));
            long counters = sqlite.mailboxById(box).orElseThrow().highestModSeq();
            assertThat(detached.sync().highestModSeq()).isLessThan(counters);
            ViewSnapshot again = detached.reread();
            assertThat(again.highestModSeq()).isEqualTo(counters);
            assertThat(again.flags(0)).containsExactly(Flags.FLAGGED);
        }
    }

    private void append(Set<String> flags) throws Exception {
        store.append(inbox, flags, Instant.parse("2025-04-15T10:00:00Z"),
                new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)));
    }
}
