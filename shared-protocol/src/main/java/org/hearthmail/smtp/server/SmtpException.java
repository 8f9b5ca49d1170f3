package org.hearthmail.smtp.server;

import org.hearthmail.smtp.Reply;

/** A command failed with a reply for the client; caught once per session and written back. */
public final class SmtpException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Reply reply;

    public SmtpException(Reply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
