package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;

/**
 * The untagged SEARCH response as octets, written straight from the numbers found: no string per
 * number, no copy of a string of thousands of them (a SEARCH often answers with most of a mailbox,
 * and runs too rarely for the JIT to have compiled a formatting path per number).
 */
final class SearchResponse {
    private static final byte[] START = "* SEARCH".getBytes(StandardCharsets.US_ASCII);
    /** Digits of the largest long, the most a number takes. */
    private static final int MAX_DIGITS = 19;

    private SearchResponse() {
    }

    /**
     * RFC 3501 §7.2.5: {@code * SEARCH} and each number after a space, then {@code tail} (ASCII:
     * the RFC 7162 §3.1.5 {@code (MODSEQ n)}, or empty) and CRLF. Numbers are positive.
     */
    static byte[] line(long[] numbers, String tail) {
        byte[] out = new byte[START.length + numbers.length * (1 + MAX_DIGITS) + tail.length() + 2];
        System.arraycopy(START, 0, out, 0, START.length);
        int at = START.length;
        for (long n : numbers) {
            out[at++] = ' ';
            at = digits(n, out, at);
        }
        for (int i = 0; i < tail.length(); i++) {
            out[at++] = (byte) tail.charAt(i);
        }
        out[at++] = '\r';
        out[at++] = '\n';
        return java.util.Arrays.copyOf(out, at);
    }

    /** Writes the decimal digits of {@code n} (not negative) at {@code at}; returns the end. */
    private static int digits(long n, byte[] out, int at) {
        int len = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) {
            len++;
        }
        int end = at + len;
        long rest = n;
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }
}
