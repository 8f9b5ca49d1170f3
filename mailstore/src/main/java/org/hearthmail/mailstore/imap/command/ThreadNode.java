package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A node of a thread tree (RFC 5256 §4): a message, or a dummy (a message referred to but not
 * in the set threaded, or a parent made when threads merge by subject). Mutable while a
 * threading algorithm builds the tree.
 */
final class ThreadNode {
    /** RFC 5256 §2.2 and §4 (4), (6): siblings by sent date, ties by sequence number; a dummy by its first child. */
    static final Comparator<ThreadNode> BY_SENT = Comparator.comparingLong(ThreadNode::sent)
            .thenComparingInt(ThreadNode::seq);

    /** Lists this long are ordered through {@link SortColumns}, shorter ones with {@link #BY_SENT}. */
    private static final int COLUMN_SORT = 32;

    SortRow row;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>();
    /** True once the node left the tree (a pruned or merged dummy). */
    boolean pruned;

    ThreadNode(SortRow row) {
        this.row = row;
    }

    boolean dummy() {
        return row == null;
    }

    /** The message that stands for this node: itself, or a dummy's first child (§4 (4)). */
    SortRow representative() {
        ThreadNode n = this;
        while (n.row == null && !n.children.isEmpty()) {
            n = n.children.get(0);
        }
        return n.row;
    }

    private long sent() {
        SortRow r = representative();
        return r == null ? Long.MAX_VALUE : r.sent();
    }

    private int seq() {
        SortRow r = representative();
        return r == null ? Integer.MAX_VALUE : r.seq();
    }

    /**
     * Orders {@code nodes} as {@link #BY_SENT} does: each node's sent date and sequence number
     * (of its representative) read once, not per comparison.
     */
    static void sortBySent(List<ThreadNode> nodes) {
        int n = nodes.size();
        if (n < COLUMN_SORT) {
            nodes.sort(BY_SENT);
            return;
        }
        SortColumns columns = new SortColumns(n, 2);
        long[] sent = columns.numbers(0, false);
        long[] seq = columns.numbers(1, false);
        for (int i = 0; i < n; i++) {
            ThreadNode node = nodes.get(i);
            sent[i] = node.sent();
            seq[i] = node.seq();
        }
        int[] order = columns.sorted();
        ThreadNode[] sorted = new ThreadNode[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = nodes.get(order[i]);
        }
        for (int i = 0; i < n; i++) {
            nodes.set(i, sorted[i]);
        }
    }

    void add(ThreadNode child) {
        child.parent = this;
        children.add(child);
    }

    void detach() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** True when {@code this} is {@code other} or one of its ancestors (a link other → this would loop). */
    boolean isAncestorOrSelf(ThreadNode other) {
        if (children.isEmpty()) {
            return other == this; // a leaf is nobody's ancestor: no walk up a long chain
        }
        for (ThreadNode n = other; n != null; n = n.parent) {
            if (n == this) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 5256 §4: thread-list = "(" (thread-members / thread-nested) ")"; thread-members =
     * nz-number *(SP nz-number) [SP thread-nested]; thread-nested = 2*thread-list. A chain of only
     * children is written as a loop, so a long reply chain does not deepen the stack.
     */
    static String render(List<ThreadNode> roots, boolean uid) {
        ResponseLine line = new ResponseLine("", 0);
        render(line, roots, uid);
        return line.text();
    }

    /** Appends the threads to {@code line}, as {@link #render(List, boolean)} writes them. */
    static void render(ResponseLine line, List<ThreadNode> roots, boolean uid) {
        for (ThreadNode r : roots) {
            line.ascii('(');
            r.members(line, uid);
            line.ascii(')');
        }
    }

    private void members(ResponseLine sb, boolean uid) {
        ThreadNode n = this;
        while (n.row != null && n.children.size() == 1) {
            sb.number(uid ? n.row.uid() : n.row.seq()).ascii(' ');
            n = n.children.get(0);
        }
        if (n.row != null) {
            sb.number(uid ? n.row.uid() : n.row.seq());
            if (n.children.isEmpty()) {
                return;
            }
            sb.ascii(' ');
        } else if (n.children.size() == 1) {
            n.children.get(0).members(sb, uid);
            return;
        }
        for (ThreadNode c : n.children) {
            sb.ascii('(');
            c.members(sb, uid);
            sb.ascii(')');
        }
    }
}
