package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;

/** QUIT (RFC 5321 §4.1.1.10): 221, then close. An open transaction is abandoned. */
final class QuitCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (!args.isBlank()) {
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("QUIT takes no arguments"));
        }
        s.replyAndClose(Reply.BYE);
    }
}
