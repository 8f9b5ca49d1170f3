package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;

/**
 * SORT's order (the mailbox view, the header index, {@link SortCriterion}) equals a
 * straightforward reference sort over what each random message was generated with: its first
 * address's mailbox, its base subject, its sent date (or arrival when the Date field is missing
 * or broken), its size and arrival, with ties in sequence order.
 */
class SortPropertyTest {
    /** Address fields and the addr-mailbox of their first address ("" when there is none). */
    private static final String[][] ADDRESSES = {{null, ""}, {"Carol <carol@example.org>", "carol"},
            {"\"Dave, Jr.\" <dave@example.net>, amy@example.net", "dave"},
            {"=?UTF-8?B?Q2Fyb2wgQ2Fmw6k=?= <cafe@example.org>", "cafe"}, {"erin@example.com", "erin"},
            {"ANN <Ann@bench.test>", "Ann"}, {"Team: zed@example.test, amy@example.test;", "zed"},
            {"Nobody:;", ""}, {"\"quoted local\"@example.test", "quoted local"}, {"bob", "bob"}};
    /** Subjects and their base subject (RFC 5256 §2.1). */
    private static final String[][] SUBJECTS = {{null, ""}, {"alpha", "alpha"}, {"Re: Alpha", "Alpha"},
            {"RE: re: beta (fwd)", "beta"}, {"[list] Re: beta", "beta"}, {"[Fwd: Zulu]", "Zulu"},
            {"Fwd: Grüße", "Grüße"}, {"=?UTF-8?Q?Re:_Gr=C3=BC=C3=9Fe?=", "Grüße"}, {"émile  (fwd)", "émile"},
            {"Re:", ""}, {"[only]", "[only]"}, {"zulu\t tango", "zulu tango"}};
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);
    private static final Instant BASE = Instant.parse("2025-04-01T00:00:00Z");

    /** What a message was made with. */
    private record Made(int seq, long uid, String from, String to, String cc, String subject, long sent, long arrival,
                        long size) {
    }

    @Property(tries = 25)
    void sortOrderEqualsAReferenceSort(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        try (MailStore store = new MemoryMailStore(StoreOptions.defaults())) {
            store.addDomain("example.test");
            User u = store.addUser("bob@example.test", null, 0);
            Mailbox inbox = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow();
            HeaderIndex index = HeaderIndex.of(store);
            List<Made> made = new ArrayList<>();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                made.add(append(r, store, index, inbox, i + 1));
            }
            MailboxViews.Lease lease = MailboxViews.of(store).acquire(inbox.id());
            try (SelectedMailbox session = new SelectedMailbox(store.mailboxById(inbox.id()).orElseThrow(), false, lease,
                    lease.view().sync())) {
                List<SearchEvaluator.Hit> all = SearchEvaluator.matches(store, index, session, new SearchKey.All());
                for (int k = 0; k < 10; k++) {
                    List<SortCriterion> criteria = criteria(r);
                    List<SortRow> rows = SortCriterion.sort(SortRow.of(store, inbox.id(), all), criteria);
                    List<Made> expected = new ArrayList<>(made);
                    expected.sort(reference(criteria));
                    assertThat(rows).as("%s", criteria).extracting(SortRow::seq)
                            .containsExactlyElementsOf(expected.stream().map(Made::seq).toList());
                }
            }
        }
    }

    private static Made append(Random r, MailStore store, HeaderIndex index, Mailbox inbox, int seq) throws IOException {
        String[] from = pick(r, ADDRESSES);
        String[] to = pick(r, ADDRESSES);
        String[] cc = pick(r, ADDRESSES);
        String[] subject = pick(r, SUBJECTS);
        Instant arrival = BASE.plusSeconds(r.nextInt(4) * 3600L); // few distinct values: ties happen
        Instant sent = BASE.plusSeconds(r.nextInt(5) * 1800L);
        StringBuilder h = new StringBuilder();
        field(h, "From", from[0]);
        field(h, "To", to[0]);
        field(h, "Cc", cc[0]);
        field(h, "Subject", subject[0]);
        int dateKind = r.nextInt(5);
        if (dateKind == 0) {
            field(h, "Date", "not a date");
        } else if (dateKind > 1) {
            ZoneOffset zone = ZoneOffset.ofHours(r.nextInt(25) - 12);
            field(h, "Date", RFC5322.format(sent.atOffset(zone)));
        }
        h.append("\r\n").append("b".repeat(r.nextInt(3) * 10)).append("\r\n");
        byte[] raw = h.toString().getBytes(StandardCharsets.UTF_8);
        var meta = store.append(inbox.id(), Set.of(), arrival, new ByteArrayInputStream(raw));
        if (r.nextBoolean()) {
            index.add(meta, raw); // as on arrival; the rest are read on first use
        }
        long sentMillis = dateKind > 1 ? sent.toEpochMilli() : arrival.toEpochMilli();
        return new Made(seq, meta.uid(), from[1], to[1], cc[1], subject[1], sentMillis, arrival.toEpochMilli(), raw.length);
    }

    private static void field(StringBuilder h, String name, String value) {
        if (value != null) {
            h.append(name).append(": ").append(value).append("\r\n");
        }
    }

    private static List<SortCriterion> criteria(Random r) {
        List<SortCriterion> c = new ArrayList<>();
        for (int i = r.nextInt(3); i >= 0; i--) {
            SortCriterion.Key[] keys = SortCriterion.Key.values();
            c.add(new SortCriterion(keys[r.nextInt(keys.length)], r.nextBoolean()));
        }
        return c;
    }

    /** One criterion after the other, each compared the plain way; REVERSE negates; then the sequence number. */
    private static Comparator<Made> reference(List<SortCriterion> criteria) {
        return (a, b) -> {
            for (SortCriterion c : criteria) {
                int d = switch (c.key()) {
                    case ARRIVAL -> Long.compare(a.arrival(), b.arrival());
                    case CC -> upper(a.cc()).compareTo(upper(b.cc()));
                    case DATE -> Long.compare(a.sent(), b.sent());
                    case FROM -> upper(a.from()).compareTo(upper(b.from()));
                    case SIZE -> Long.compare(a.size(), b.size());
                    case SUBJECT -> upper(a.subject()).compareTo(upper(b.subject()));
                    case TO -> upper(a.to()).compareTo(upper(b.to()));
                };
                if (d != 0) {
                    return c.reverse() ? -d : d;
                }
            }
            return Integer.compare(a.seq(), b.seq());
        };
    }

    /** i;ascii-casemap: only a-z are folded. */
    private static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 'a' && ch <= 'z' ? (char) (ch - 32) : ch);
        }
        return sb.toString();
    }

    private static String[] pick(Random r, String[][] from) {
        return from[r.nextInt(from.length)];
    }
}
