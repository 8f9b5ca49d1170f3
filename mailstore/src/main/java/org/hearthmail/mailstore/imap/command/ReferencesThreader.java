package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 5256 §4 THREAD=REFERENCES: threads from the References and In-Reply-To fields (steps 1-3),
 * top-level threads in sent-date order (4), threads of the same base subject merged (5), and
 * every set of siblings in sent-date order (6).
 */
final class ReferencesThreader {
    /** Every node made, messages and dummies, in the order made. */
    private final List<ThreadNode> all = new ArrayList<>();
    /** Message id to node; Message IDs compare as case-sensitive strings. */
    private final Map<String, ThreadNode> byId = new HashMap<>();

    private ReferencesThreader() {
    }

    /** The top-level threads of {@code rows} (the messages found, in any order). */
    static List<ThreadNode> thread(List<SortRow> rows) {
        return thread(rows, null);
    }

    /** As {@link #thread(List)}, with the subjects' ranks from the mailbox's {@link SortRanks} when not null. */
    static List<ThreadNode> thread(List<SortRow> rows, SortRanks ranks) {
        ReferencesThreader t = new ReferencesThreader();
        List<SortRow> bySeq = new ArrayList<>(rows);
        bySeq.sort(Comparator.comparingInt(SortRow::seq));
        for (SortRow r : bySeq) {
            t.link(r);
        }
        SubjectRanks subjects = new SubjectRanks(bySeq, ranks);
        List<ThreadNode> roots = t.prune();
        // (4) top-level siblings by sent date; a dummy by its first child once its children are in order.
        for (ThreadNode n : t.all) {
            ThreadNode.sortBySent(n.children);
        }
        ThreadNode.sortBySent(roots);
        roots = mergeBySubject(roots, subjects);
        // (6) every set of siblings by sent date; the order of grandchildren never depends on their
        // parents' order, so one pass over all nodes does it, then the top level.
        for (ThreadNode n : t.all) {
            ThreadNode.sortBySent(n.children);
        }
        for (ThreadNode n : roots) {
            ThreadNode.sortBySent(n.children); // dummies made by the merge
        }
        ThreadNode.sortBySent(roots);
        return roots;
    }

    /** Step 1: the message's node, the links its references make, and its link to its parent. */
    private void link(SortRow r) {
        String id = r.fields().messageId();
        ThreadNode node = id == null ? null : byId.get(id);
        if (node != null && node.dummy()) {
            node.row = r; // a dummy made for a reference to this message
        } else {
            // (1) "If two or more messages have the same Message ID, then only use that Message ID
            // in the first (lowest sequence number) message"; a message without one gets a unique
            // one: here, no entry in the table at all.
            node = new ThreadNode(r);
            all.add(node);
            if (id != null && !byId.containsKey(id)) {
                byId.put(id, node);
            }
        }
        List<String> refs = r.fields().references();
        // (1A) each reference is the parent of the next, unless the child has a parent already or
        // the link would make a loop.
        for (int i = 0; i + 1 < refs.size(); i++) {
            ThreadNode parent = node(refs.get(i));
            ThreadNode child = node(refs.get(i + 1));
            if (child.parent == null && !child.isAncestorOrSelf(parent)) {
                parent.add(child);
            }
        }
        // (1B) the last reference is the message's parent, replacing any parent it had; no parent
        // without references; never a loop.
        ThreadNode last = refs.isEmpty() ? null : node(refs.get(refs.size() - 1));
        if (last == null) {
            node.detach();
        } else if (!node.isAncestorOrSelf(last) && node.parent != last) {
            node.detach();
            last.add(node);
        }
    }

    private ThreadNode node(String id) {
        return byId.computeIfAbsent(id, k -> {
            ThreadNode dummy = new ThreadNode(null);
            all.add(dummy);
            return dummy;
        });
    }

    /**
     * Steps 2 and 3: the nodes without a parent are the top level; a dummy without children goes,
     * a dummy with children gives way to them, except at the top level where it stays when it has
     * more than one child.
     */
    private List<ThreadNode> prune() {
        for (ThreadNode n : all) {
            if (n.dummy() && n.parent != null) {
                ThreadNode p = n.parent;
                int at = p.children.indexOf(n);
                p.children.remove(at);
                for (ThreadNode c : n.children) {
                    c.parent = p;
                }
                p.children.addAll(at, n.children);
                n.children.clear();
                n.parent = null;
                n.pruned = true;
            }
        }
        List<ThreadNode> roots = new ArrayList<>();
        for (ThreadNode n : all) {
            if (n.parent != null || n.pruned) {
                continue;
            }
            if (!n.dummy() || n.children.size() > 1) {
                roots.add(n);
            } else if (n.children.size() == 1) {
                ThreadNode only = n.children.remove(0);
                only.parent = null;
                roots.add(only);
            }
        }
        return roots;
    }

    /**
     * Each message's base subject as a rank (equal under i;ascii-casemap, equal rank), found by its
     * sequence number: the subject table of step 5 becomes an array, no subject hashed or compared.
     */
    private static final class SubjectRanks {
        private final int[] indexOfSeq;
        private final long[] rank;
        final int size;

        SubjectRanks(List<SortRow> bySeq, SortRanks kept) {
            int n = bySeq.size();
            if (kept != null) {
                rank = kept.ranks(SortCriterion.Key.SUBJECT, bySeq, r -> r.fields().subject());
            } else {
                TextKey[] keys = new TextKey[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = bySeq.get(i).fields().subject();
                }
                rank = SortColumns.textRanks(keys);
            }
            indexOfSeq = new int[n == 0 ? 1 : bySeq.get(n - 1).seq() + 1];
            long max = -1;
            for (int i = 0; i < n; i++) {
                indexOfSeq[bySeq.get(i).seq()] = i;
                max = Math.max(max, rank[i]);
            }
            size = (int) (max + 1);
        }

        /** The rank of the thread's subject (its message's, or a dummy's first child's, §4 (5B)); -1 for none. */
        int of(ThreadNode n) {
            SortRow r = n.representative();
            if (r == null || r.fields().subject().octets().length == 0) {
                return -1;
            }
            return (int) rank[indexOfSeq[r.seq()]];
        }
    }

    /** Step 5: top-level threads of the same base subject merged, per the subject table. */
    private static List<ThreadNode> mergeBySubject(List<ThreadNode> roots, SubjectRanks subjects) {
        // (5A, 5B) the subject table, case-insensitive as the rest of RFC 5256 compares:
        // indexed by the subject's rank, equal exactly when i;ascii-casemap says equal.
        ThreadNode[] table = new ThreadNode[subjects.size];
        for (ThreadNode n : roots) {
            int subject = subjects.of(n);
            if (subject < 0) {
                continue;
            }
            ThreadNode old = table[subject];
            if (old == null || (!old.dummy() && (n.dummy() || (replyOrForward(old) && !replyOrForward(n))))) {
                table[subject] = n;
            }
        }
        // (5C) every other thread of that subject joins the one in the table.
        Map<ThreadNode, ThreadNode> replaced = new IdentityHashMap<>();
        for (ThreadNode n : roots) {
            int subject = subjects.of(n);
            if (subject < 0 || n.parent != null || n.pruned) {
                continue;
            }
            ThreadNode kept = table[subject];
            if (kept == n) {
                continue;
            }
            if (kept.dummy() && n.dummy()) {
                for (ThreadNode c : new ArrayList<>(n.children)) {
                    kept.add(c);
                }
                n.children.clear();
                n.pruned = true;
            } else if (kept.dummy() || (replyOrForward(n) && !replyOrForward(kept))) {
                kept.add(n);
            } else {
                ThreadNode dummy = new ThreadNode(null);
                replaced.put(kept, dummy);
                dummy.add(kept);
                dummy.add(n);
                table[subject] = dummy;
            }
        }
        List<ThreadNode> out = new ArrayList<>(roots.size());
        for (ThreadNode n : roots) {
            ThreadNode now = n;
            while (replaced.containsKey(now)) {
                now = replaced.get(now);
            }
            if (now.parent == null && !now.pruned) {
                out.add(now);
            }
        }
        return out;
    }

    private static boolean replyOrForward(ThreadNode n) {
        return !n.dummy() && n.row.fields().replyOrForward();
    }
}
