package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A string as SORT and THREAD compare it (RFC 5256 §3: i;ascii-casemap, RFC 4790 §9.2: a-z as
 * A-Z, otherwise octet by octet): its UTF-8 octets with a-z turned into A-Z, so an unsigned octet
 * comparison of two keys is the collation and equal keys are equal strings under it. Made once per
 * message when the {@link HeaderIndex} takes it in, so no command casemaps or encodes again.
 *
 * <p>{@code octets} is never changed after construction and never handed out to be changed.
 *
 * @param octets the casemapped UTF-8 octets
 * @param prefix the first eight octets big-endian (zero-padded) with the sign bit flipped: a signed
 *               comparison of two prefixes orders them as an unsigned comparison of those octets
 * @param hash   {@code Arrays.hashCode(octets)}, for grouping by subject (THREAD)
 */
record TextKey(byte[] octets, long prefix, int hash) implements Comparable<TextKey> {
    static final TextKey EMPTY = of("");

    /** Octets an instance takes beyond a bare reference to it (object, array; 64-bit JVM, compressed oops). */
    long estimatedBytes() {
        return this == EMPTY ? 0 : 32 + HeapSize.array(octets.length);
    }

    static TextKey of(String s) {
        if (s.isEmpty() && EMPTY != null) {
            return EMPTY;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= 'a' && b[i] <= 'z') {
                b[i] -= 32;
            }
        }
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < b.length ? b[i] & 0xff : 0);
        }
        return new TextKey(b, p ^ Long.MIN_VALUE, Arrays.hashCode(b));
    }

    /** i;ascii-casemap order: the first eight octets, then the rest (a key that is a prefix of another sorts first). */
    @Override
    public int compareTo(TextKey o) {
        int d = Long.compare(prefix, o.prefix);
        return d != 0 ? d : Arrays.compareUnsigned(octets, o.octets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextKey k && k.hash == hash && Arrays.equals(k.octets, octets);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return new String(octets, StandardCharsets.UTF_8);
    }
}
