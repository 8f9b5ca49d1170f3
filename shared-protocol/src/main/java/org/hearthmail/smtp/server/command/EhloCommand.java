package org.hearthmail.smtp.server.command;

import java.util.ArrayList;
import java.util.List;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SmtpException;
import org.hearthmail.smtp.server.SmtpServerConfig;

/** EHLO and HELO (RFC 5321 §4.1.1.1). Either may be repeated; each resets the session state. */
final class EhloCommand implements Command {

    /** Postfix XCLIENT_README: the attributes this server accepts. */
    static final String XCLIENT_ATTRIBUTES = "ADDR PORT NAME HELO PROTO LOGIN DESTADDR DESTPORT";

    private final boolean extended;

    EhloCommand(boolean extended) {
        this.extended = extended;
    }

    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        String name = args.strip();
        // RFC 5321 §4.1.1.1: ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("Syntax: " + (extended ? "EHLO" : "HELO") + " hostname"));
        }
        s.await(s.handler().helo(s.info(), name), d -> {
            if (!(d instanceof Decision.Accept)) {
                Commands.refuse(s, d);
                return;
            }
            s.greeted(name, extended);
            if (!extended) {
                s.reply(Reply.of(250, s.config().hostname()));
                return;
            }
            s.reply(new Reply(250, null, keywords(s, name)));
        });
    }

    /** RFC 5321 §4.1.1.1: the first line greets, each further line names an extension. */
    private static List<String> keywords(SessionContext s, String name) {
        SmtpServerConfig c = s.config();
        List<String> lines = new ArrayList<>();
        lines.add(c.hostname() + " greets " + name);
        lines.add("PIPELINING");                                   // RFC 2920
        lines.add("SIZE " + c.limits().maxMessageSize());          // RFC 1870
        lines.add("8BITMIME");                                     // RFC 6152
        lines.add("SMTPUTF8");                                     // RFC 6531
        lines.add("ENHANCEDSTATUSCODES");                          // RFC 2034
        lines.add("CHUNKING");                                     // RFC 3030
        lines.add("DSN");                                          // RFC 3461
        if (c.tls() != null && !s.tlsActive()) {
            lines.add("STARTTLS");                                 // RFC 3207
        }
        // No plaintext authentication without TLS: AUTH is offered only inside TLS.
        if (c.authenticator() != null && s.tlsActive() && !s.authenticated()) {
            lines.add("AUTH PLAIN LOGIN");                         // RFC 4954
        }
        if (c.xclientAllowed(s.transportPeer())) {
            lines.add("XCLIENT " + XCLIENT_ATTRIBUTES);
        }
        lines.add("HELP");
        return lines;
    }
}
