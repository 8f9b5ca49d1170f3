package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SessionState;
import org.hearthmail.smtp.server.SmtpException;

/** DATA (RFC 5321 §4.1.1.4): opens the message sink, then 354 and content until CRLF.CRLF. */
final class DataCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (!args.isBlank()) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("DATA takes no arguments"));
        }
        s.await(s.handler().openMessage(s.info(), s.transaction().envelope()), sink -> {
            s.transaction().sink(sink);
            s.state(SessionState.DATA);
            s.resumeDecoder(DecoderMode.DATA);
            s.reply(Reply.START_MAIL_INPUT);
        });
    }
}
