package org.hearthmail.mailstore.imap.command;

/**
 * A command that fails: answered with a tagged NO (or BAD), optionally with a response code
 * (RFC 3501 §7.1, RFC 5530). The message goes to the client: never a secret, never a stack trace.
 */
public class ImapException extends Exception {
    private final boolean bad;
    private final String code;

    public ImapException(boolean bad, String code, String message) {
        super(message);
        this.bad = bad;
        this.code = code;
    }

    public static ImapException no(String code, String message) {
        return new ImapException(false, code, message);
    }

    public static ImapException bad(String message) {
        return new ImapException(true, null, message);
    }

    public boolean isBad() {
        return bad;
    }

    /** Response code without brackets, e.g. {@code NONEXISTENT}; null for none. */
    public String code() {
        return code;
    }
}
