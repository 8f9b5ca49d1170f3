package org.hearthmail.smtp.client;

import org.hearthmail.smtp.Reply;

/**
 * The server answered a session-level command (greeting, EHLO and HELO, STARTTLS, AUTH, XCLIENT)
 * with a reply that does not let the session go on. Transaction commands (MAIL, RCPT, DATA, BDAT)
 * never raise this: their replies are returned as values, because a refused recipient is an
 * ordinary outcome.
 */
public final class SmtpReplyException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;
    private final String command;

    public SmtpReplyException(String command, Reply reply) {
        super(command + " refused: " + reply);
        this.command = command;
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }

    /** The verb that was refused; never its arguments. */
    public String command() {
        return command;
    }
}
