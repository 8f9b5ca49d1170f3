package org.hearthmail.mailstore.imap.view;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The distinct flag combinations of a mailbox, each with a small id, so a message's flags take one
 * int and a flag test is computed once per combination. Immutable: a snapshot's table holds the
 * ids that existed when it was made.
 */
final class FlagSets {
    private final Set<String>[] sets;
    private final int size;

    private FlagSets(Set<String>[] sets, int size) {
        this.sets = sets;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static FlagSets empty() {
        return new FlagSets(new Set[0], 0);
    }

    int size() {
        return size;
    }

    Set<String> get(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no flag combination " + id + " of " + size);
        }
        return sets[id];
    }

    /**
     * Hands out ids, appending new combinations. Only the view's lock holder uses it. The array is
     * shared with the tables already handed out: they never look past their own size, and
     * appending only writes past it.
     */
    static final class Interner {
        private final Map<Set<String>, Integer> ids = new HashMap<>();
        private Set<String>[] sets;
        private int size;

        @SuppressWarnings("unchecked")
        Interner() {
            sets = new Set[8];
        }

        int id(Set<String> flags) {
            Integer id = ids.get(flags);
            if (id != null) {
                return id;
            }
            if (size == sets.length) {
                sets = Arrays.copyOf(sets, size * 2);
            }
            sets[size] = flags;
            ids.put(flags, size);
            return size++;
        }

        int size() {
            return size;
        }

        Set<String> get(int id) {
            return sets[id];
        }

        FlagSets table() {
            return new FlagSets(sets, size);
        }
    }
}
