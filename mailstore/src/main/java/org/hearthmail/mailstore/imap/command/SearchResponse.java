package org.hearthmail.mailstore.imap.command;

/** The untagged SEARCH response as octets, written from the numbers found with no object per number. */
final class SearchResponse {
    private SearchResponse() {
    }

    /**
     * RFC 3501 §7.2.5: {@code * SEARCH} and each number after a space, then {@code tail} (ASCII:
     * the RFC 7162 §3.1.5 {@code (MODSEQ n)}, or empty) and CRLF.
     */
    static byte[] line(long[] numbers, String tail) {
        ResponseLine line = new ResponseLine("SEARCH", numbers.length);
        for (long n : numbers) {
            line.ascii(' ').number(n);
        }
        return line.ascii(tail).end();
    }
}
