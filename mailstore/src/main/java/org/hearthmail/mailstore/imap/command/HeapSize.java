package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Map;

/**
 * Rough heap sizes of the values the {@link HeaderIndex} keeps, for its memory bound: a 64-bit
 * HotSpot JVM with compressed references (12-octet object headers, 4-octet references, objects
 * aligned to 8 octets; heaps up to 32 GiB). An over-estimate where a layout is not known exactly.
 */
final class HeapSize {
    private HeapSize() {
    }

    /** An array of {@code octets} octets of elements: 16-octet header, aligned to 8. */
    static long array(long octets) {
        return align(16 + octets);
    }

    /** A String and its value array; Latin-1 text takes one octet a char, other text two (compact strings). */
    static long string(String s) {
        if (s == null) {
            return 0;
        }
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 0x100;
        }
        return 24 + array(latin1 ? s.length() : 2L * s.length());
    }

    /** An immutable list, its array and its strings. */
    static long strings(List<String> list) {
        long n = 16 + array(4L * list.size());
        for (String s : list) {
            n += string(s);
        }
        return n;
    }

    /** An immutable map of field names to lists: its table of keys and values, and the lists (names are shared constants). */
    static long fields(Map<String, List<String>> map) {
        long n = 16 + array(8L * map.size() * 2);
        for (List<String> values : map.values()) {
            n += strings(values);
        }
        return n;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
