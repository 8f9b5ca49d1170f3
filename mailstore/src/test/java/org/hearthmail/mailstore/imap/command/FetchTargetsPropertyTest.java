package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;

/**
 * FETCH's summaries taken from the shared mailbox view are exactly the store's summary rows of the
 * messages the session names (so FETCH answers byte for byte as when it read the rows), after random
 * flag changes, expunges the session has not been told of, and arrivals it does not number yet.
 */
class FetchTargetsPropertyTest {
    @Property(tries = 30)
    void summariesFromTheViewEqualTheStoreRowsOfTheNamedMessages(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        MailStore store = new MemoryMailStore(StoreOptions.defaults());
        try {
            store.addDomain("example.test");
            User u = store.addUser("bob@example.test", null, 0);
            Mailbox inbox = store.mailbox(u.id(), MailboxRole.INBOX).orElseThrow();
            int n = 1 + r.nextInt(r.nextBoolean() ? 20 : 150);
            for (int i = 0; i < n; i++) {
                store.append(inbox.id(), SearchEvaluatorPropertyTest.flags(r), Instant.parse("2025-04-01T00:00:00Z").plusSeconds(r.nextInt(1_000_000)),
                        new ByteArrayInputStream(("Subject: m" + i + "\r\n\r\nbody " + i + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII)));
            }
            MailboxViews.Lease lease = MailboxViews.of(store).acquire(inbox.id());
            SelectedMailbox session = new SelectedMailbox(store.mailboxById(inbox.id()).orElseThrow(), false, lease,
                    lease.view().sync());
            // After the session's numbering was made: flag changes, expunges, one arrival.
            for (long uid : session.uids()) {
                if (r.nextInt(3) == 0) {
                    store.setFlags(inbox.id(), uid, SearchEvaluatorPropertyTest.flags(r));
                }
            }
            List<Long> gone = new ArrayList<>();
            for (long uid : session.uids()) {
                if (r.nextInt(5) == 0) {
                    gone.add(uid);
                }
            }
            store.expunge(inbox.id(), gone);
            store.append(inbox.id(), Set.of(), Instant.now(), new ByteArrayInputStream("Subject: new\r\n\r\nx\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            BitSet seqs = new BitSet();
            for (int seq = 1; seq <= session.exists(); seq++) {
                if (r.nextInt(4) > 0) {
                    seqs.set(seq);
                }
            }
            Map<Long, MessageMeta> rows = store.summaries(inbox.id()).stream()
                    .collect(Collectors.toMap(MessageMeta::uid, Function.identity()));
            List<Target> expected = new ArrayList<>();
            for (int seq = seqs.nextSetBit(1); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
                MessageMeta m = rows.get(session.uidAt(seq));
                if (m != null) {
                    expected.add(new Target(seq, m));
                }
            }
            assertThat(FetchTargets.fromView(session, lease.view().sync(session.largestUid()), seqs))
                    .containsExactlyElementsOf(expected);
            lease.close();
        } finally {
            store.close();
        }
    }
}
