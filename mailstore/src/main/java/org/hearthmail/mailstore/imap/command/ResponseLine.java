package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;

/**
 * One untagged response line ({@code "* "}, text and numbers, CRLF) for answers of thousands of
 * numbers (SEARCH, SORT, THREAD): no string per number. Numbers go through {@link
 * StringBuilder#append(long)}, which every part of the server keeps compiled: these commands run too
 * rarely for the JIT to have compiled a loop of their own (the benchmark runs each SEARCH three
 * times), and measured cold that is two to three times faster than formatting the digits here. Not
 * thread-safe; one per answer.
 */
final class ResponseLine {
    private final StringBuilder text;

    /** A line that starts {@code "* " + word}, with room for about {@code numbers} numbers. */
    ResponseLine(String word, int numbers) {
        text = new StringBuilder(Math.max(64, 2 + word.length() + numbers * 7 + 32));
        ascii("* ").ascii(word);
    }

    /** US-ASCII text (the words and atoms of a response). */
    ResponseLine ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not US-ASCII: " + s);
            }
        }
        text.append(s);
        return this;
    }

    ResponseLine ascii(char c) {
        if (c >= 0x80) {
            throw new IllegalArgumentException("not US-ASCII: " + c);
        }
        text.append(c);
        return this;
    }

    /** A non-negative number in decimal (RFC 3501 §9: number = 1*DIGIT). */
    ResponseLine number(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative number " + v);
        }
        text.append(v);
        return this;
    }

    /** The line with its CRLF (RFC 3501 §7: every response line ends with CRLF); the line is done with. */
    byte[] end() {
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The text after {@code "* "} so far, without CRLF (tests and the THREAD answer's string form). */
    String text() {
        return text.substring(2);
    }
}
