package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One untagged response line built straight into octets ({@code "* "}, text and numbers, CRLF),
 * for answers of thousands of numbers (SORT, THREAD): no string per number, no copy of the whole
 * answer into a string and back. Not thread-safe; one per answer.
 */
final class ResponseLine {
    private byte[] buf;
    private int len;

    /** A line that starts {@code "* " + word}, with room for about {@code numbers} numbers. */
    ResponseLine(String word, int numbers) {
        buf = new byte[Math.max(64, 2 + word.length() + numbers * 7 + 32)];
        ascii("* ").ascii(word);
    }

    /** US-ASCII text (the words and atoms of a response). */
    ResponseLine ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalArgumentException("not US-ASCII: " + s);
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    ResponseLine ascii(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A non-negative number in decimal (RFC 3501 §9: number = 1*DIGIT). */
    ResponseLine number(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative number " + v);
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** The line with its CRLF (RFC 3501 §7: every response line ends with CRLF); the buffer is done with. */
    byte[] end() {
        ascii("\r\n");
        return Arrays.copyOf(buf, len);
    }

    /** The text after {@code "* "} so far, without CRLF (tests and the THREAD answer's string form). */
    String text() {
        return new String(buf, 2, len - 2, StandardCharsets.US_ASCII);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
