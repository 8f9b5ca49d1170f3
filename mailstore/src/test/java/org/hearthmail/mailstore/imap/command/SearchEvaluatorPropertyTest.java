package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;

/**
 * The fast SEARCH path (the shared mailbox view and the header index) answers
 * exactly as the reference path (every key evaluated on the message itself), on random messages
 * and random criteria trees.
 */
class SearchEvaluatorPropertyTest {
    private static final String[] FROMS = {"Carol <carol@example.org>", "\"Dave, Jr.\" <dave@example.net>",
            "=?UTF-8?B?Q2Fyb2wgQ2Fmw6k=?= <cafe@example.org>", "erin@example.com", "Ann <ann@bench.test>"};
    private static final String[] WORDS = {"alpha", "tango", "Tango", "needle7", "café", "zulu", "carol", "x"};
    private static final String[] DATES = {"Tue, 1 Apr 2025 10:00:00 +0000", "Tue, 15 Apr 2025 23:30:00 -0500",
            "Wed, 16 Apr 2025 00:10:00 +0200", "30 Apr 2025 12:00 GMT", "not a date", "Mon, 14 Apr 2025 12:00:00 +0000"};
    private static final String[] FLAGS = {Flags.SEEN, Flags.FLAGGED, Flags.ANSWERED, Flags.DELETED, "$Work", "$bench"};
    private static final String[] FLAG_QUERIES = {"\\Seen", "\\flagged", "\\Answered", "\\Deleted", "$work", "$Bench",
            "$none", "\u212Aeyword", "$WORK"};
    private static final String[] FIELDS = {"From", "To", "Cc", "Bcc", "Subject", "subject", "X-Tag"};
    private static final String[] NEEDLES = {"", "carol", "CAROL", "café", "tango", "example.net", "dave, jr",
            "needle7", "bob", "zulu x", "<ann@"};

    @Property(tries = 20)
    void fastPathFindsExactlyWhatTheReferenceEvaluatorFindsInMemory(@ForAll long seed) throws IOException {
        compare(new Random(seed), new MemoryMailStore(StoreOptions.defaults()));
    }

    /** The same on SQLite. */
    @Property(tries = 4)
    void fastPathFindsExactlyWhatTheReferenceEvaluatorFindsOnSqlite(@ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("search-property");
        try {
            compare(new Random(seed), SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults()));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void compare(Random r, MailStore store) throws IOException {
        try {
            store.addDomain("example.test");
            User u = store.addUser("bob@example.test", null, 0);
            Mailbox inbox = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow();
            HeaderIndex index = HeaderIndex.of(store);
            // Past 64 messages the view's bit sets take more than one word.
            int n = 5 + r.nextInt(r.nextBoolean() ? 30 : 140);
            for (int i = 0; i < n; i++) {
                byte[] raw = message(r, i);
                MessageMeta m = store.append(inbox.id(), flags(r), Instant.parse("2025-04-01T00:00:00Z")
                        .plusSeconds(r.nextInt(40 * 86_400)), new ByteArrayInputStream(raw));
                if (r.nextBoolean()) {
                    index.add(m, raw); // as on arrival; the rest are indexed on first search
                }
            }
            List<Long> gone = new ArrayList<>();
            for (long uid = 1; uid <= n; uid++) {
                if (r.nextInt(6) == 0) {
                    gone.add(uid);
                }
            }
            store.expunge(inbox.id(), gone);
            SelectedMailbox view = new SelectedMailbox(store.mailboxById(inbox.id()).orElseThrow(), false,
                    store.summaries(inbox.id()));
            MailboxViews.Lease lease = MailboxViews.of(store).acquire(inbox.id());
            SelectedMailbox shared = new SelectedMailbox(store.mailboxById(inbox.id()).orElseThrow(), false, lease,
                    lease.view().sync());
            // A message the view does not know yet, and one it knows but another session expunged.
            store.append(inbox.id(), Set.of(), Instant.now(), new ByteArrayInputStream(message(r, 99)));
            if (view.exists() > 1) {
                store.expunge(inbox.id(), List.of(view.uidAt(1)));
            }
            // Flags changed after both views were made: the shared view follows the store's events.
            for (long uid : view.uids()) {
                if (r.nextInt(4) == 0) {
                    try {
                        store.setFlags(inbox.id(), uid, flags(r));
                    } catch (org.hearthmail.mailstore.store.NotFoundException expunged) {
                        // the message expunged above
                    }
                }
            }
            for (int k = 0; k < 25; k++) {
                SearchKey key = key(r, 3);
                List<Target> expected = SearchEvaluator.reference(store, view, key);
                assertThat(SearchEvaluator.matches(store, index, view, key)).extracting(SearchEvaluator.Hit::seq)
                        .containsExactlyElementsOf(expected.stream().map(Target::seq).toList());
                // The shared mailbox view (no SQL for flags, sizes, dates, numbers) answers the same.
                assertThat(SearchEvaluator.matches(store, index, shared, key)).as("view: %s", key)
                        .extracting(SearchEvaluator.Hit::seq, SearchEvaluator.Hit::uid, SearchEvaluator.Hit::modSeq)
                        .containsExactlyElementsOf(expected.stream().map(t -> org.assertj.core.groups.Tuple.tuple(
                                t.seq(), t.meta().uid(), t.meta().modSeq())).toList());
                // What SEARCH answers with (numbers, no object per message), on both paths.
                long highest = expected.stream().mapToLong(t -> t.meta().modSeq()).max().orElse(0);
                for (SelectedMailbox session : List.of(view, shared)) {
                    SearchEvaluator.Found found = SearchEvaluator.find(store, index, session, key, true, true);
                    assertThat(found.uids()).as("UIDs: %s", key)
                            .containsExactly(expected.stream().mapToLong(t -> t.meta().uid()).toArray());
                    assertThat(found.seqs()).as("sequence numbers: %s", key)
                            .containsExactly(expected.stream().mapToLong(Target::seq).toArray());
                    assertThat(found.highestModSeq()).as("highest MODSEQ: %s", key).isEqualTo(highest);
                    assertThat(SearchEvaluator.find(store, index, session, key, false, false).seqs()).isNull();
                }
            }
        } finally {
            store.close();
        }
    }

    private static byte[] message(Random r, int i) {
        StringBuilder h = new StringBuilder();
        if (r.nextInt(8) > 0) {
            h.append("From: ").append(pick(r, FROMS)).append("\r\n");
        }
        if (r.nextInt(5) == 0) {
            h.append("From: ").append(pick(r, FROMS)).append("\r\n"); // a second From field
        }
        h.append("To: bob@example.test").append(r.nextBoolean() ? ", " + pick(r, FROMS) : "").append("\r\n");
        if (r.nextBoolean()) {
            h.append("Cc: ").append(pick(r, FROMS)).append("\r\n");
        }
        if (r.nextInt(6) > 0) {
            String subject = pick(r, WORDS) + " " + pick(r, WORDS) + " " + i;
            h.append("Subject: ").append(r.nextInt(4) == 0 ? "=?ISO-8859-1?Q?caf=E9_" + pick(r, WORDS) + "?=" : subject)
                    .append(r.nextInt(5) == 0 ? "\r\n  folded " + pick(r, WORDS) : "").append("\r\n");
        }
        if (r.nextInt(6) > 0) {
            h.append("Date: ").append(pick(r, DATES)).append("\r\n");
        }
        if (r.nextBoolean()) {
            h.append("X-Tag: ").append(pick(r, WORDS)).append("\r\n");
        }
        h.append("Message-ID: <").append(i).append("@example.org>\r\n\r\n");
        for (int l = r.nextInt(20); l >= 0; l--) {
            h.append(pick(r, WORDS)).append(' ').append(pick(r, WORDS)).append("\r\n");
        }
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Random flags: system flags and keywords (shared with {@link FetchTargetsPropertyTest}). */
    static Set<String> flags(Random r) {
        Set<String> f = new TreeSet<>();
        for (String flag : FLAGS) {
            if (r.nextInt(3) == 0) {
                f.add(flag);
            }
        }
        return f;
    }

    private static SearchKey key(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 14 : 10);
        LocalDate day = LocalDate.of(2025, 4, 1).plusDays(r.nextInt(45) - 2);
        SearchKey.When when = SearchKey.When.values()[r.nextInt(3)];
        return switch (kind) {
            case 0 -> new SearchKey.Flag(pick(r, FLAG_QUERIES), r.nextBoolean());
            case 1 -> new SearchKey.Size(r.nextBoolean(), 50 + r.nextInt(600));
            case 2 -> new SearchKey.Date(when, day, false);
            case 3 -> new SearchKey.Date(when, day, true);
            case 4 -> new SearchKey.Numbers(SequenceSet.of(1 + r.nextInt(20), r.nextInt(4) == 0 ? SequenceSet.STAR
                    : 1 + r.nextInt(40)), r.nextBoolean());
            case 5 -> new SearchKey.ModSeq(r.nextInt(50));
            case 6, 7 -> new SearchKey.Header(pick(r, FIELDS), pick(r, NEEDLES));
            case 8 -> new SearchKey.Text(pick(r, NEEDLES), r.nextBoolean());
            case 9 -> r.nextBoolean() ? new SearchKey.All() : new SearchKey.Nothing();
            case 10 -> new SearchKey.Not(key(r, depth - 1));
            case 11 -> new SearchKey.Or(key(r, depth - 1), key(r, depth - 1));
            default -> new SearchKey.And(List.of(key(r, depth - 1), key(r, depth - 1), key(r, depth - 1)));
        };
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }
}
