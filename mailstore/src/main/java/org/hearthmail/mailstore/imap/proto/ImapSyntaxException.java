package org.hearthmail.mailstore.imap.proto;

/** Arguments of a command that do not fit its grammar; answered with a tagged BAD (RFC 3501 §7.1.3). */
public class ImapSyntaxException extends Exception {
    public ImapSyntaxException(String message) {
        super(message);
    }
}
