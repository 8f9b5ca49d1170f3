package org.hearthmail.mailstore.imap.command;

import java.util.Arrays;

/**
 * The keys of the rows SORT (RFC 5256 §3) orders, one primitive column per criterion, and the
 * stable sort of the row indices by them: criterion by criterion (REVERSE turns one around), then
 * the sequence number. A text column compares its {@link TextKey} prefixes as numbers and reads
 * the octets only when those are equal, so most comparisons touch two {@code long}s; no row is
 * boxed and no comparator object is called per comparison.
 */
final class SortColumns {
    /** Runs this short are sorted by insertion. */
    private static final int INSERTION = 24;
    private final int n;
    private final int[] seq;
    /** Per criterion: the number, or a text key's prefix. */
    private final long[][] numbers;
    /** Per criterion: the text keys, or null for a numeric criterion. */
    private final TextKey[][] texts;
    private final boolean[] reverse;

    SortColumns(int rows, int criteria) {
        n = rows;
        seq = new int[rows];
        numbers = new long[criteria][];
        texts = new TextKey[criteria][];
        reverse = new boolean[criteria];
    }

    /** The sequence numbers, to fill: the last tie-break. */
    int[] seq() {
        return seq;
    }

    /** Criterion {@code c} is numeric: its column, to fill. */
    long[] numbers(int c, boolean reversed) {
        reverse[c] = reversed;
        numbers[c] = new long[n];
        return numbers[c];
    }

    /** Criterion {@code c} is a string: its column, to fill before {@link #sorted}. */
    TextKey[] texts(int c, boolean reversed) {
        reverse[c] = reversed;
        texts[c] = new TextKey[n];
        numbers[c] = new long[n];
        return texts[c];
    }

    /** The row indices in order (a stable merge sort). */
    int[] sorted() {
        for (int c = 0; c < texts.length; c++) {
            if (texts[c] != null) {
                for (int i = 0; i < n; i++) {
                    numbers[c][i] = texts[c][i].prefix();
                }
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n);
        return order;
    }

    int compare(int a, int b) {
        for (int c = 0; c < numbers.length; c++) {
            long[] column = numbers[c];
            int d = Long.compare(column[a], column[b]);
            if (d == 0 && texts[c] != null) {
                d = Arrays.compareUnsigned(texts[c][a].octets(), texts[c][b].octets());
            }
            if (d != 0) {
                return reverse[c] ? -d : d;
            }
        }
        return Integer.compare(seq[a], seq[b]);
    }

    /** Sorts {@code a[lo, hi)}; {@code tmp} is scratch of the same length. Equal elements keep their order. */
    private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo <= INSERTION) {
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= lo && compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return; // already in order (an ascending input costs one comparison per run)
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i >= mid) {
                a[k] = tmp[j++];
            } else if (j >= hi || compare(tmp[i], tmp[j]) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
