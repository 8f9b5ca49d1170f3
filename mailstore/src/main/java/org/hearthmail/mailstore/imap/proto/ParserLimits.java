package org.hearthmail.mailstore.imap.proto;

/**
 * Bounds the parser enforces, so that a client cannot make the server hold more than this per
 * connection.
 *
 * @param maxLineBytes    octets of one command outside its literals; RFC 7162 §4 asks for at least 8192
 * @param maxLiteralBytes a literal in any command but APPEND (passwords, search strings)
 * @param maxAppendBytes  a literal in APPEND (the message); advertised as APPENDLIMIT (RFC 7889)
 * @param maxNesting      depth of parenthesized lists
 * @param maxArgs         arguments of one command, counted at every nesting level
 * @param maxDiscardBytes a rejected non-synchronizing literal up to this size is read and dropped
 *                        (RFC 7888 §4); a larger one closes the connection
 */
public record ParserLimits(int maxLineBytes, int maxLiteralBytes, int maxAppendBytes, int maxNesting, int maxArgs,
                           long maxDiscardBytes) {

    public static final ParserLimits DEFAULTS = new ParserLimits(64 * 1024, 64 * 1024, 32 * 1024 * 1024, 16, 10_000,
            1024 * 1024);

    public ParserLimits {
        if (maxLineBytes < 1024 || maxLiteralBytes < 1 || maxAppendBytes < 1 || maxNesting < 1 || maxArgs < 1
                || maxDiscardBytes < 0) {
            throw new IllegalArgumentException("parser limits out of range");
        }
        // Literal bytes are kept in one array.
        if (maxAppendBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxAppendBytes must fit in an array");
        }
    }
}
