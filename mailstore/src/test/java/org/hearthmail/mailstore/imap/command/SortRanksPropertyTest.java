package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Ranks kept between commands ({@link SortRanks}) order every later command exactly as ranks made
 * afresh do, while messages arrive, are expunged, and commands sort or thread all of the mailbox
 * or a part.
 */
class SortRanksPropertyTest {
    private static final String[] WORDS = {"", "alpha", "Alpha", "ALPHA BRAVO", "alpha bravo charlie", "bravo",
            "é", "zulu", "alpha bravo charlie delta", "alpha bravo charlie Delta", "x\0"};

    @Property(tries = 40)
    void keptRanksOrderAsFreshOnes(@ForAll long seed) {
        Random r = new Random(seed);
        SortRanks ranks = new SortRanks();
        List<SortRow> mailbox = new ArrayList<>();
        long uid = 0;
        for (int command = 0; command < 12; command++) {
            for (int add = r.nextInt(4) == 0 ? r.nextInt(30) : 0; add > 0; add--) {
                uid += 1 + r.nextInt(3);
                mailbox.add(row(r, uid));
            }
            if (!mailbox.isEmpty() && r.nextInt(4) == 0) {
                mailbox.remove(r.nextInt(mailbox.size()));
            }
            if (command == 0) {
                for (int i = 0; i < 50; i++) {
                    mailbox.add(row(r, ++uid));
                }
            }
            List<SortRow> hits = new ArrayList<>();
            boolean all = r.nextBoolean();
            for (int i = 0; i < mailbox.size(); i++) {
                SortRow m = mailbox.get(i);
                if (all || r.nextBoolean()) {
                    hits.add(new SortRow(i + 1, m.uid(), m.size(), m.arrival(), m.fields()));
                }
            }
            List<SortCriterion> criteria = List.of(
                    new SortCriterion(r.nextBoolean() ? SortCriterion.Key.SUBJECT : SortCriterion.Key.FROM, r.nextBoolean()),
                    new SortCriterion(SortCriterion.Key.SIZE, r.nextBoolean()));
            assertThat(SortCriterion.sort(hits, criteria, ranks)).as("command %d, %s", command, criteria)
                    .extracting(SortRow::uid)
                    .containsExactlyElementsOf(SortCriterion.sort(hits, criteria).stream().map(SortRow::uid).toList());
        }
    }

    @Property(tries = 40)
    void threadsWithKeptRanksEqualThreadsWithout(@ForAll long seed) {
        Random r = new Random(seed);
        String[] subjects = {"plans", "Re: plans", "RE: Plans", "Fwd: plans", "[list] other", "other", "", "(fwd)"};
        List<SortRow> mailbox = new ArrayList<>();
        for (int i = 1, n = 1 + r.nextInt(60); i <= n; i++) {
            StringBuilder h = new StringBuilder("Message-ID: <" + (r.nextInt(8) == 0 ? 1 : i) + "@x>\r\n")
                    .append("Subject: ").append(subjects[r.nextInt(subjects.length)]).append("\r\n")
                    .append(String.format("Date: Mon, 3 Mar 2025 10:%02d:00 +0000\r\n", r.nextInt(10)));
            if (r.nextInt(3) > 0) {
                h.append("References: <").append(r.nextInt(i + 3)).append("@x> <").append(r.nextInt(i + 3)).append("@x>\r\n");
            }
            byte[] raw = h.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            mailbox.add(new SortRow(i, i * 2L, 100, 0,
                    SortFields.of(org.hearthmail.mailstore.imap.mime.HeaderBlock.parse(raw, 0, raw.length))));
        }
        SortRanks ranks = new SortRanks();
        for (int command = 0; command < 4; command++) {
            List<SortRow> hits = command % 2 == 0 ? mailbox
                    : mailbox.stream().filter(x -> r.nextBoolean()).toList();
            assertThat(ThreadNode.render(ReferencesThreader.thread(hits, ranks), true)).as("command %d", command)
                    .isEqualTo(ThreadNode.render(ReferencesThreader.thread(hits), true));
            assertThat(ThreadNode.render(OrderedSubjectThreader.thread(hits, ranks), true))
                    .isEqualTo(ThreadNode.render(OrderedSubjectThreader.thread(hits), true));
        }
    }

    private static SortRow row(Random r, long uid) {
        SortFields f = new SortFields(SortFields.NO_DATE, TextKey.of(WORDS[r.nextInt(WORDS.length)]), TextKey.EMPTY,
                TextKey.EMPTY, TextKey.of(WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(3))),
                false, null, List.of());
        return new SortRow(0, uid, r.nextInt(4), 0, f);
    }
}
