package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Ranks kept between commands ({@link SortRanks}) order every later command exactly as ranks made
 * afresh do, while messages arrive, are expunged, and commands sort all of the mailbox or a part.
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

    private static SortRow row(Random r, long uid) {
        SortFields f = new SortFields(SortFields.NO_DATE, TextKey.of(WORDS[r.nextInt(WORDS.length)]), TextKey.EMPTY,
                TextKey.EMPTY, TextKey.of(WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(3))),
                false, null, List.of());
        return new SortRow(0, uid, r.nextInt(4), 0, f);
    }
}
