package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;

/**
 * VRFY (RFC 5321 §3.5.3): disabled, so it cannot be used to harvest addresses; 252 says the server
 * will not verify but would accept mail, as the RFC recommends over 502.
 */
final class VrfyCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (args.isBlank()) {
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("Syntax: VRFY address"));
        }
        s.reply(Reply.CANNOT_VRFY);
    }
}
