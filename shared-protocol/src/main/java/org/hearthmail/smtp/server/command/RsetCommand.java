package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SessionState;
import org.hearthmail.smtp.server.SmtpException;

/** RSET (RFC 5321 §4.1.1.5): ends the transaction; the EHLO state is kept. */
final class RsetCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (!args.isBlank()) {
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("RSET takes no arguments"));
        }
        s.resetTransaction();
        if (s.state() != SessionState.CONNECTED) {
            s.state(SessionState.READY);
        }
        s.reply(Reply.RESET_OK);
    }
}
