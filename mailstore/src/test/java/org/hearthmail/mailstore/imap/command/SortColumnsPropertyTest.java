package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link SortColumns} orders row indices exactly as a plain comparator sort does: criterion by
 * criterion (REVERSE turned around), ties by index. Columns are made to hit every path: numbers
 * spanning little or the whole long range, whole thousands (dates), many ties; strings sharing long
 * prefixes, ending inside a digit, with NUL, non-ASCII and supplementary characters, a-z and A-Z.
 */
class SortColumnsPropertyTest {
    private static final String[] PIECES = {"a", "A", "b", "z", "Z", "\0", " ", "é", "ß", "😀", "\uffff", "re:", "alpha ", "[x]"};

    @Property(tries = 60)
    void orderEqualsAComparatorSortOverTheSameKeys(@ForAll long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(4) == 0 ? r.nextInt(20) : r.nextInt(700);
        int k = 1 + r.nextInt(3);
        SortColumns columns = new SortColumns(n, k);
        List<Comparator<Integer>> reference = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            boolean reverse = r.nextBoolean();
            Comparator<Integer> cmp;
            if (r.nextBoolean()) {
                long[] col = columns.numbers(c, reverse);
                fillNumbers(r, col);
                cmp = (a, b) -> Long.compare(col[a], col[b]);
            } else {
                TextKey[] col = columns.texts(c, reverse);
                String[] plain = new String[n];
                List<String> pool = pool(r);
                for (int i = 0; i < n; i++) {
                    plain[i] = pool.get(r.nextInt(pool.size()));
                    col[i] = TextKey.of(plain[i]);
                }
                cmp = (a, b) -> casemapCompare(plain[a], plain[b]);
            }
            reference.add(reverse ? cmp.reversed() : cmp);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort((a, b) -> {
            for (Comparator<Integer> cmp : reference) {
                int d = cmp.compare(a, b);
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(a, b);
        });
        assertThat(columns.sorted()).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void keysThatEndWhereAnotherGoesOnWithNulSortFirst() {
        String[] s = {"AB\0\0X", "ab", "AB\0", "ab\0\0", "AB\0\0", "abc", "AB"};
        SortColumns columns = new SortColumns(s.length, 1);
        TextKey[] col = columns.texts(0, false);
        for (int i = 0; i < s.length; i++) {
            col[i] = TextKey.of(s[i]);
        }
        // "ab" and "AB" are equal under i;ascii-casemap: index order between them.
        assertThat(columns.sorted()).containsExactly(1, 6, 2, 3, 4, 0, 5);
    }

    private static void fillNumbers(Random r, long[] col) {
        int kind = r.nextInt(4);
        for (int i = 0; i < col.length; i++) {
            col[i] = switch (kind) {
                case 0 -> r.nextInt(5);                                           // many ties
                case 1 -> 1_743_500_000_000L + r.nextInt(40 * 86_400) * 1000L;   // dates, whole seconds
                case 2 -> r.nextLong();                                           // the whole range
                default -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE - r.nextInt(3);
            };
        }
    }

    /** A few strings built from pieces (so prefixes are shared and values repeat). */
    private static List<String> pool(Random r) {
        List<String> pool = new ArrayList<>();
        String stem = "";
        for (int i = 0, size = 1 + r.nextInt(40); i < size; i++) {
            StringBuilder b = new StringBuilder(r.nextInt(3) == 0 ? "" : stem);
            for (int j = r.nextInt(12); j > 0; j--) {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
            pool.add(b.toString());
            if (r.nextInt(4) == 0) {
                stem = b.toString();
            }
        }
        return pool;
    }

    /** i;ascii-casemap (RFC 4790 §9.2) by code point, a-z as A-Z: the order of the UTF-8 octets. */
    private static int casemapCompare(String a, String b) {
        int[] x = a.codePoints().map(c -> c >= 'a' && c <= 'z' ? c - 32 : c).toArray();
        int[] y = b.codePoints().map(c -> c >= 'a' && c <= 'z' ? c - 32 : c).toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
