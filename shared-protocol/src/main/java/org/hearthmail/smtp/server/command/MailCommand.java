package org.hearthmail.smtp.server.command;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.PathParser;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SessionState;
import org.hearthmail.smtp.server.SmtpException;

/** MAIL (RFC 5321 §4.1.1.2): {@code "MAIL FROM:" Reverse-path [SP Mail-parameters]}. */
final class MailCommand implements Command {

    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (s.config().requireTls() && !s.tlsActive()) {
            throw new SmtpException(Reply.MUST_STARTTLS);
        }
        if (s.config().requireAuth() && !s.authenticated()) {
            // RFC 4954 §6 / RFC 6409 §4.1: submission needs authentication.
            throw new SmtpException(Reply.AUTH_REQUIRED);
        }
        String pathAndParams = afterKeyword(args, "FROM:");
        PathParser.Parsed parsed;
        try {
            parsed = PathParser.parse(pathAndParams, true, null);
        } catch (PathParser.PathException e) {
            throw new SmtpException(Reply.BAD_SENDER_ADDRESS_SYNTAX.withText("Bad sender address syntax: " + e.getMessage()));
        }
        MailFrom mailFrom = params(s, parsed);
        if (!mailFrom.smtpUtf8() && parsed.mailbox() != null && !parsed.mailbox().isAscii()) {
            // RFC 6531 §3.4: a non-ASCII address needs the SMTPUTF8 parameter.
            throw new SmtpException(Reply.SMTPUTF8_REQUIRED);
        }
        s.await(s.handler().mailFrom(s.info(), mailFrom), d -> {
            if (d instanceof Decision.Accept a) {
                s.transaction().mailFrom(mailFrom);
                s.state(SessionState.MAIL);
                s.reply(a.reply() != null ? a.reply() : Reply.SENDER_OK);
            } else {
                Commands.refuse(s, d);
            }
        });
    }

    private static MailFrom params(SessionContext s, PathParser.Parsed parsed) throws SmtpException {
        long size = -1;
        String body = null;
        boolean utf8 = false;
        String ret = null;
        String envId = null;
        String auth = null;
        Map<String, String> other = new HashMap<>();
        for (Map.Entry<String, String> p : EsmtpParams.parse(parsed.rest()).entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    // RFC 1870 §3: size-value = 1*20DIGIT
                    if (v == null || !v.matches("[0-9]{1,20}")) {
                        throw EsmtpParams.badValue("SIZE");
                    }
                    size = v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
                    if (size > s.config().limits().maxMessageSize()) {
                        // RFC 1870 §6.1: 552 when the declared size exceeds the fixed maximum.
                        throw new SmtpException(Reply.MESSAGE_TOO_BIG);
                    }
                }
                case "BODY" -> {
                    // RFC 6152 §2: BODY=7BIT / BODY=8BITMIME. BINARYMIME (RFC 3030) is not offered.
                    String b = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (!b.equals("7BIT") && !b.equals("8BITMIME")) {
                        throw new SmtpException(Reply.PARAMETER_NOT_IMPLEMENTED.withText("BODY must be 7BIT or 8BITMIME"));
                    }
                    body = b;
                }
                case "SMTPUTF8" -> {
                    // RFC 6531 §3.4: no value.
                    if (v != null) {
                        throw EsmtpParams.badValue("SMTPUTF8");
                    }
                    utf8 = true;
                }
                case "RET" -> {
                    // RFC 3461 §4.3: RET=FULL / RET=HDRS
                    String r = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (!r.equals("FULL") && !r.equals("HDRS")) {
                        throw EsmtpParams.badValue("RET");
                    }
                    ret = r;
                }
                case "ENVID" -> {
                    // RFC 3461 §4.4: xtext, at most 100 characters.
                    if (v == null || v.length() > 100 || !EsmtpParams.isXtext(v)) {
                        throw EsmtpParams.badValue("ENVID");
                    }
                    envId = v;
                }
                case "AUTH" -> {
                    // RFC 4954 §5: AUTH=<> or AUTH=xtext mailbox.
                    if (v == null || !(v.equals("<>") || EsmtpParams.isXtext(v))) {
                        throw EsmtpParams.badValue("AUTH");
                    }
                    auth = v;
                }
                default -> throw EsmtpParams.unrecognized(p.getKey());
            }
        }
        return new MailFrom(parsed.mailbox(), size, body, utf8, ret, envId, auth, other);
    }

    /** Accepts {@code FROM:<x>} and, as many servers do, {@code FROM: <x>}. */
    static String afterKeyword(String args, String keyword) throws SmtpException {
        if (args.length() < keyword.length() || !args.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("Syntax: " + (keyword.equals("FROM:") ? "MAIL FROM:<address>" : "RCPT TO:<address>")));
        }
        return args.substring(keyword.length()).stripLeading();
    }
}
