package org.hearthmail.smtp.server.command;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.PathParser;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SessionState;
import org.hearthmail.smtp.server.SmtpException;
import org.hearthmail.smtp.server.Transaction;

/** RCPT (RFC 5321 §4.1.1.3): {@code "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters]}. */
final class RcptCommand implements Command {

    private static final Set<String> NOTIFY_VALUES = Set.of("SUCCESS", "FAILURE", "DELAY");

    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        Transaction tx = s.transaction();
        if (tx.recipients().size() >= s.config().maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: 452 for too many recipients; the client sends the rest later.
            throw new SmtpException(Reply.TOO_MANY_RECIPIENTS);
        }
        String pathAndParams = MailCommand.afterKeyword(args, "TO:");
        PathParser.Parsed parsed;
        try {
            parsed = PathParser.parse(pathAndParams, false, s.config().hostname());
        } catch (PathParser.PathException e) {
            throw new SmtpException(Reply.BAD_ADDRESS_SYNTAX.withText("Bad recipient address syntax: " + e.getMessage()));
        }
        if (!tx.mailFrom().smtpUtf8() && !parsed.mailbox().isAscii()) {
            throw new SmtpException(Reply.SMTPUTF8_REQUIRED);
        }
        Set<String> notify = Set.of();
        String orcpt = null;
        for (Map.Entry<String, String> p : EsmtpParams.parse(parsed.rest()).entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "NOTIFY" -> notify = notify(v);
                case "ORCPT" -> {
                    // RFC 3461 §4.2: ORCPT=addr-type ";" xtext
                    int semi = v == null ? -1 : v.indexOf(';');
                    if (semi <= 0 || !EsmtpParams.isXtext(v.substring(semi + 1)) || v.length() > 500) {
                        throw EsmtpParams.badValue("ORCPT");
                    }
                    orcpt = v;
                }
                default -> throw EsmtpParams.unrecognized(p.getKey());
            }
        }
        RcptTo rcpt = new RcptTo(parsed.mailbox(), notify, orcpt);
        tx.countRcptAttempt();
        s.await(s.handler().rcptTo(s.info(), tx.mailFrom(), rcpt), d -> {
            if (d instanceof Decision.Accept a) {
                tx.recipients().add(rcpt);
                s.state(SessionState.RCPT);
                s.reply(a.reply() != null ? a.reply() : Reply.RECIPIENT_OK);
            } else {
                Commands.refuse(s, d);
            }
        });
    }

    /** RFC 3461 §4.1: NOTIFY="NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" ). */
    private static Set<String> notify(String v) throws SmtpException {
        if (v == null) {
            throw EsmtpParams.badValue("NOTIFY");
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.equals("NEVER")) {
            return Set.of("NEVER");
        }
        Set<String> out = new HashSet<>();
        for (String part : upper.split(",", -1)) {
            if (!NOTIFY_VALUES.contains(part) || !out.add(part)) {
                throw EsmtpParams.badValue("NOTIFY");
            }
        }
        return out;
    }
}
