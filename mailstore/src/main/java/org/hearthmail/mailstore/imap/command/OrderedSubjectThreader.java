package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RFC 5256 §4 THREAD=ORDEREDSUBJECT: messages sorted by base subject and then sent date; a run
 * of equal base subjects is one thread whose first message is the parent of all the others (no
 * grandchildren); threads ordered by the sent date of their first message.
 */
final class OrderedSubjectThreader {
    private OrderedSubjectThreader() {
    }

    static List<ThreadNode> thread(List<SortRow> rows) {
        List<SortRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<SortRow, String>comparing(r -> r.fields().subject().text(), SortCriterion::asciiCasemap)
                .thenComparingLong(SortRow::sent).thenComparingInt(SortRow::seq));
        List<ThreadNode> roots = new ArrayList<>();
        ThreadNode current = null;
        for (SortRow r : sorted) {
            ThreadNode n = new ThreadNode(r);
            if (current != null && SortCriterion.asciiCasemap(current.row.fields().subject().text(),
                    r.fields().subject().text()) == 0) {
                current.add(n);
            } else {
                current = n;
                roots.add(n);
            }
        }
        roots.sort(ThreadNode.BY_SENT);
        return roots;
    }
}
