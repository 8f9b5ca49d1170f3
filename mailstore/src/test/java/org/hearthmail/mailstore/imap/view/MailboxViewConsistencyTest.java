package org.hearthmail.mailstore.imap.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.StoreException;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;

/**
 * Two sessions change one mailbox at once (APPEND, STORE one and many, EXPUNGE, COPY in and out,
 * MOVE) while a third keeps syncing the shared view and hands it old events again (as sessions do);
 * once they are done, the view equals a fresh
 * read of the store, message for message (UID, MODSEQ, flags, internal date, size).
 */
class MailboxViewConsistencyTest {
    private static final String[] FLAGS = {Flags.SEEN, Flags.FLAGGED, Flags.ANSWERED, Flags.DELETED, "$Work", "$x"};
    private static final int OPS_PER_SESSION = 40;

    @Property(tries = 6)
    void concurrentChangesLeaveTheViewEqualToAFreshReadOnSqlite(@ForAll long seed) throws Exception {
        Path dir = Files.createTempDirectory("view-property");
        try (MailStore store = SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults())) {
            run(store, seed);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 20)
    void concurrentChangesLeaveTheViewEqualToAFreshReadInMemory(@ForAll long seed) throws Exception {
        try (MailStore store = new MemoryMailStore(StoreOptions.defaults())) {
            run(store, seed);
        }
    }

    private void run(MailStore store, long seed) throws Exception {
        store.addDomain("example.test");
        User u = store.addUser("bob@example.test", null, 0);
        long inbox = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
        long other = store.createMailbox(u.id(), "Other", MailboxRole.NONE).id();
        Random setup = new Random(seed);
        for (int i = 0; i < 10; i++) {
            append(store, setup.nextBoolean() ? inbox : other, setup);
        }
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        store.subscribe(seen::add);
        MailboxViews views = new MailboxViews(store, MailboxViews.DEFAULT_IDLE, System::nanoTime);
        MailboxViews.Lease lease = views.acquire(inbox);
        MailboxView view = lease.view();
        if (setup.nextBoolean()) {
            view.sync(); // sometimes warm before the changes start, sometimes loaded in the middle
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean done = new AtomicBoolean();
        Random replay = new Random(seed ^ 0x5eed);
        try {
            Future<?> reader = pool.submit(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!done.get() && System.nanoTime() < until) {
                    // Sessions hand over the events they report, late and more than once.
                    StoreEvent old = seen.isEmpty() ? null : seen.get(replay.nextInt(seen.size()));
                    if (old != null && replay.nextBoolean()) {
                        view.offer(old);
                    }
                    view.sync();
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
                return null;
            });
            List<Future<?>> sessions = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                Random r = new Random(seed * 31 + s);
                sessions.add(pool.submit(() -> {
                    for (int k = 0; k < OPS_PER_SESSION; k++) {
                        step(store, inbox, other, r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sessions) {
                f.get(90, TimeUnit.SECONDS);
            }
            done.set(true);
            reader.get(90, TimeUnit.SECONDS);
        } finally {
            done.set(true);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (int k = 0; k < 20 && !seen.isEmpty(); k++) {
            view.offer(seen.get(replay.nextInt(seen.size()))); // stale events change nothing
        }
        assertEqualsStore(view.sync(), store.summaries(inbox));
        lease.close();
    }

    /** One random change by one session: what IMAP APPEND, STORE, EXPUNGE, COPY and MOVE do. */
    private static void step(MailStore store, long inbox, long other, Random r) throws Exception {
        List<MessageMeta> now = store.summaries(inbox);
        int op = r.nextInt(8);
        try {
            switch (op) {
                case 0, 1 -> append(store, inbox, r);
                case 2 -> {
                    if (!now.isEmpty()) {
                        MessageMeta m = now.get(r.nextInt(now.size()));
                        store.setFlags(inbox, m.uid(), flags(r));
                    }
                }
                case 3 -> {
                    SortedMap<Long, Set<String>> many = new TreeMap<>();
                    for (MessageMeta m : now) {
                        if (r.nextBoolean()) {
                            many.put(m.uid(), flags(r));
                        }
                    }
                    store.setFlags(inbox, many);
                }
                case 4 -> store.expunge(inbox, pickUids(now, r));
                case 5 -> store.copy(other, pickUids(store.summaries(other), r), inbox);
                case 6 -> store.copy(inbox, pickUids(now, r), other);
                default -> {
                    List<Long> moved = pickUids(now, r); // MOVE: copy, then expunge the source
                    store.copy(inbox, moved, other);
                    store.expunge(inbox, moved);
                }
            }
        } catch (StoreException raced) {
            // the other session expunged a message this one picked: IMAP answers NO, nothing changed
        }
    }

    static void assertEqualsStore(ViewSnapshot view, List<MessageMeta> fresh) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < view.count(); i++) {
            got.add(view.uid(i) + " " + view.modSeq(i) + " " + view.flags(i) + " " + view.internalDate(i) + " "
                    + view.size(i));
        }
        List<String> want = new ArrayList<>();
        for (MessageMeta m : fresh) {
            want.add(m.uid() + " " + m.modSeq() + " " + m.flags() + " " + m.internalDate().toEpochMilli() + " "
                    + m.size());
        }
        assertThat(got).containsExactlyElementsOf(want);
    }

    private static void append(MailStore store, long mailbox, Random r) throws Exception {
        byte[] raw = ("Subject: m" + r.nextInt(1000) + "\r\n\r\n" + "x".repeat(r.nextInt(500)) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        store.append(mailbox, flags(r), Instant.parse("2025-04-01T00:00:00Z").plusMillis(r.nextInt(1_000_000_000)),
                new ByteArrayInputStream(raw));
    }

    private static List<Long> pickUids(List<MessageMeta> messages, Random r) {
        List<Long> out = new ArrayList<>();
        for (MessageMeta m : messages) {
            if (r.nextInt(4) == 0) {
                out.add(m.uid());
            }
        }
        return out;
    }

    /** A random subset of {@link #FLAGS}, each subset as likely. */
    private static Set<String> flags(Random r) {
        int pick = r.nextInt(1 << FLAGS.length);
        Set<String> f = new TreeSet<>();
        for (int i = 0; i < FLAGS.length; i++) {
            if ((pick & 1 << i) != 0) {
                f.add(FLAGS[i]);
            }
        }
        return f;
    }
}
