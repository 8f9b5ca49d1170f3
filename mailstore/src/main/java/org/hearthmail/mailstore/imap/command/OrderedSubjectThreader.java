package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5256 §4 THREAD=ORDEREDSUBJECT: messages sorted by base subject and then sent date; a run
 * of equal base subjects is one thread whose first message is the parent of all the others (no
 * grandchildren); threads ordered by the sent date of their first message.
 */
final class OrderedSubjectThreader {
    /** §4 ORDEREDSUBJECT: by base subject, then sent date (then, as always, sequence number). */
    private static final List<SortCriterion> BY_SUBJECT_THEN_SENT = List.of(
            new SortCriterion(SortCriterion.Key.SUBJECT, false), new SortCriterion(SortCriterion.Key.DATE, false));

    private OrderedSubjectThreader() {
    }

    static List<ThreadNode> thread(List<SortRow> rows) {
        return thread(rows, null);
    }

    /** As {@link #thread(List)}, with the subjects' ranks from the mailbox's {@link SortRanks} when not null. */
    static List<ThreadNode> thread(List<SortRow> rows, SortRanks ranks) {
        List<SortRow> sorted = SortCriterion.sort(rows, BY_SUBJECT_THEN_SENT, ranks);
        List<ThreadNode> roots = new ArrayList<>();
        ThreadNode current = null;
        TextKey currentSubject = null;
        for (SortRow r : sorted) {
            ThreadNode n = new ThreadNode(r);
            TextKey subject = r.fields().subject(); // equal keys: equal under i;ascii-casemap
            if (subject.equals(currentSubject)) {
                current.add(n);
            } else {
                current = n;
                currentSubject = subject;
                roots.add(n);
            }
        }
        ThreadNode.sortBySent(roots);
        return roots;
    }
}
