package org.hearthmail.xclient;

import org.hearthmail.smtp.Reply;

/**
 * An XCLIENT command the server must refuse with 501 5.5.4. The message is safe to send to the
 * client: any echoed input is printable ASCII and short.
 */
public final class XClientSyntaxException extends Exception {

    /** What was wrong. */
    public enum Problem {
        NO_ATTRIBUTES, MALFORMED_ATTRIBUTE, UNKNOWN_ATTRIBUTE, DUPLICATE_ATTRIBUTE, BAD_XTEXT, BAD_VALUE,
        BAD_ADDRESS, BAD_PORT
    }

    private final Problem problem;

    public XClientSyntaxException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The reply for this error: 501 5.5.4 with the message as text. */
    public Reply reply() {
        return Reply.SYNTAX_ERROR.withText(getMessage());
    }

    /** Input echoed in a message: printable ASCII only, at most 64 characters. */
    static String quote(String input) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < input.length() && i < 64; i++) {
            char c = input.charAt(i);
            out.append(c >= ' ' && c <= '~' && c != '"' ? c : '?');
        }
        if (input.length() > 64) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
