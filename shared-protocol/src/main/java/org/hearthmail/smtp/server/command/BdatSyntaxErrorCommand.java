package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionContext;

/**
 * A BDAT line the decoder could not parse (a valid one never reaches the command table). The
 * chunk's length is unknown, so the session cannot find the next command: reply and close.
 */
final class BdatSyntaxErrorCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) {
        // RFC 3030 §4: bdat-cmd ::= "BDAT" SP chunk-size [ SP end-marker ] CR LF
        s.replyAndClose(Reply.SYNTAX_ERROR.withText("Syntax: BDAT chunk-size [LAST]; closing, chunk length unknown"));
    }
}
