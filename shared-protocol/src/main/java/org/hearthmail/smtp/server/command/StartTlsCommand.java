package org.hearthmail.smtp.server.command;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;

/** STARTTLS (RFC 3207 §4). */
final class StartTlsCommand implements Command {
    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (s.config().tls() == null) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.NOT_IMPLEMENTED.withText("STARTTLS not offered"));
        }
        if (s.tlsActive()) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.BAD_SEQUENCE.withText("TLS already active"));
        }
        if (!args.isBlank()) {
            // RFC 3207 §4: "501 Syntax error (no parameters allowed)".
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("Syntax error (no parameters allowed)"));
        }
        s.startTls();
    }
}
