package org.hearthmail.mailstore.imap.command;

import java.util.Arrays;

/**
 * The keys of the rows SORT (RFC 5256 §3) and THREAD order, one column per criterion, and the
 * order of the row indices by them: criterion by criterion (a reversed one turned around), ties by
 * row index, so a caller that gives the rows in mailbox order gets RFC 5256 §3's tie-break.
 *
 * <p>How: each column becomes numbers below 2^32 in the same order (offsets from the smallest
 * value, or dense ranks: equal keys, equal rank) through primitive sorts ({@code Arrays.sort(long[])},
 * no boxing, no comparator per comparison); the criteria are combined into one number per row,
 * and one more primitive sort of (key, index) pairs packed into a {@code long} gives the order. A
 * text column is ranked by a radix sort over four octets of its {@link TextKey}s at a time; only
 * short runs still tied compare whole keys.
 */
final class SortColumns {
    private final int n;
    /** Per criterion: the numbers, or null for a text criterion. */
    private final long[][] numbers;
    /** Per criterion: the text keys, or null for a numeric criterion. */
    private final TextKey[][] texts;
    private final boolean[] reverse;

    SortColumns(int rows, int criteria) {
        n = rows;
        numbers = new long[criteria][];
        texts = new TextKey[criteria][];
        reverse = new boolean[criteria];
    }

    /** Criterion {@code c} is numeric: its column, to fill before {@link #sorted}. */
    long[] numbers(int c, boolean reversed) {
        reverse[c] = reversed;
        numbers[c] = new long[n];
        return numbers[c];
    }

    /** Criterion {@code c} is a string: its column, to fill before {@link #sorted}. */
    TextKey[] texts(int c, boolean reversed) {
        reverse[c] = reversed;
        texts[c] = new TextKey[n];
        return texts[c];
    }

    /** The row indices in order; rows equal under every criterion keep their index order. */
    int[] sorted() {
        if (n == 0) {
            return new int[0];
        }
        long[] key = new long[n];
        long span = 1; // every key is in [0, span)
        for (int c = 0; c < numbers.length; c++) {
            long[] k = texts[c] != null ? textRanks(texts[c]) : offsets(numbers[c]);
            if (k == null) {
                k = denseRanks(numbers[c]);
            }
            long kSpan = 1 + max(k);
            if (reverse[c]) {
                for (int i = 0; i < n; i++) {
                    k[i] = kSpan - 1 - k[i];
                }
            }
            if (span > LIMIT / kSpan) {
                key = denseRanks(key); // rank what the earlier criteria made, so the product fits
                span = 1 + max(key);
                if (span > LIMIT / kSpan) {
                    k = denseRanks(k);
                    kSpan = 1 + max(k);
                }
            }
            for (int i = 0; i < n; i++) {
                key[i] = key[i] * kSpan + k[i];
            }
            span *= kSpan;
        }
        return order(key, n);
    }

    /** Keys below 2^32 times this stay packable with an index (both ranks below n &lt; 2^31 always fit). */
    private static final long LIMIT = 1L << 32;

    /** The indices of {@code key[0, n)} ascending by key, ties by index; every key in [0, 2^32). */
    private static int[] order(long[] key, int n) {
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (key[i] << 32 | i) ^ Long.MIN_VALUE; // the key as unsigned in the high half
        }
        Arrays.sort(packed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    /**
     * The values as offsets from the smallest (in whole thousands when all are, as dates in
     * milliseconds from second-resolution fields are): numbers in the same order, below 2^32; null
     * when the values span more.
     */
    private static long[] offsets(long[] values) {
        if (values.length == 0) {
            return values;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean thousands = true;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            thousands &= v % 1000 == 0;
        }
        long scale = thousands ? 1000 : 1;
        long span = max - min; // may overflow: then negative, and ranks are taken
        if (span < 0 || span / scale >= LIMIT) {
            return null;
        }
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - min) / scale;
        }
        return out;
    }

    /**
     * Each value's place among the distinct values, from 0: read off the order of the offsets when
     * they fit ({@link #offsets}), else by looking each value up among the sorted distinct values.
     */
    static long[] denseRanks(long[] values) {
        int n = values.length;
        long[] rank = new long[n];
        long[] offsets = offsets(values);
        if (offsets != null) {
            int[] order = order(offsets, n);
            long r = 0;
            for (int i = 1; i < n; i++) {
                if (offsets[order[i]] != offsets[order[i - 1]]) {
                    r++;
                }
                rank[order[i]] = r;
            }
            return rank;
        }
        long[] distinct = values.clone();
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[m - 1]) {
                distinct[m++] = distinct[i];
            }
        }
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(distinct, 0, m, values[i]);
        }
        return rank;
    }

    /**
     * Dense ranks of text keys in i;ascii-casemap order (unsigned octets): a most-significant-digit
     * radix sort on four octets at a time, each digit step one primitive sort of (digit, index)
     * pairs over the rows still tied, then equal neighbours get one rank.
     */
    static long[] textRanks(TextKey[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        radix(keys, order, new long[n], 0, n, 0);
        long[] rank = new long[n];
        long r = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !keys[order[i]].equals(keys[order[i - 1]])) {
                r++;
            }
            rank[order[i]] = r;
        }
        return rank;
    }

    /** Orders {@code order[from, to)}, whose keys agree on their first {@code offset} octets. */
    private static void radix(TextKey[] keys, int[] order, long[] scratch, int from, int to, int offset) {
        if (to - from <= INSERTION) {
            insertion(keys, order, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            scratch[i] = ((long) digit(keys[order[i]].octets(), offset) << 32 | order[i]) ^ Long.MIN_VALUE;
        }
        Arrays.sort(scratch, from, to);
        for (int i = from; i < to; i++) {
            order[i] = (int) scratch[i];
        }
        // Runs of one digit: ordered by the next four octets, a key that ends here first.
        for (int start = from; start < to; ) {
            long d = scratch[start] >>> 32;
            int end = start + 1;
            while (end < to && scratch[end] >>> 32 == d) {
                end++;
            }
            if (end - start > 1) {
                int ended = partitionEnded(keys, order, start, end, offset + 4);
                insertion(keys, order, start, ended); // keys ending within these octets, by length
                radix(keys, order, scratch, ended, end, offset + 4);
            }
            start = end;
        }
    }

    /** Runs this short are sorted by insertion, comparing whole keys. */
    private static final int INSERTION = 16;

    /** Octets {@code [offset, offset + 4)} as an unsigned big-endian number, zero past the end. */
    private static int digit(byte[] b, int offset) {
        int d = 0;
        for (int i = offset; i < offset + 4; i++) {
            d = d << 8 | (i < b.length ? b[i] & 0xff : 0);
        }
        return d;
    }

    /**
     * Moves the keys no longer than {@code length} to the front of {@code order[from, to)} (order
     * kept) and returns where the others start: with equal octets so far, a key that ends sorts
     * before one that goes on.
     */
    private static int partitionEnded(TextKey[] keys, int[] order, int from, int to, int length) {
        int[] rest = null;
        int w = from;
        int r = 0;
        for (int i = from; i < to; i++) {
            if (keys[order[i]].octets().length <= length) {
                order[w++] = order[i];
            } else {
                if (rest == null) {
                    rest = new int[to - from];
                }
                rest[r++] = order[i];
            }
        }
        if (rest != null) {
            System.arraycopy(rest, 0, order, w, r);
        }
        return w;
    }

    private static void insertion(TextKey[] keys, int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= from && keys[order[j]].compareTo(keys[x]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    private static long max(long[] a) {
        long m = -1;
        for (long v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
