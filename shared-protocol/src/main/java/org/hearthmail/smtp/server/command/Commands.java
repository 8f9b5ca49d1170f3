package org.hearthmail.smtp.server.command;

import java.util.EnumMap;
import java.util.Map;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Verb;

/** The command for each verb. */
public final class Commands {

    public static final AuthCommand AUTH = new AuthCommand();

    private static final Map<Verb, Command> BY_VERB = new EnumMap<>(Verb.class);

    static {
        BY_VERB.put(Verb.EHLO, new EhloCommand(true));
        BY_VERB.put(Verb.HELO, new EhloCommand(false));
        BY_VERB.put(Verb.MAIL, new MailCommand());
        BY_VERB.put(Verb.RCPT, new RcptCommand());
        BY_VERB.put(Verb.DATA, new DataCommand());
        BY_VERB.put(Verb.BDAT, new BdatSyntaxErrorCommand());
        BY_VERB.put(Verb.RSET, new RsetCommand());
        BY_VERB.put(Verb.NOOP, (s, args) -> s.reply(Reply.NOOP_OK));
        BY_VERB.put(Verb.QUIT, new QuitCommand());
        BY_VERB.put(Verb.VRFY, new VrfyCommand());
        // RFC 5321 §3.5.2: EXPN may be disabled; it would reveal list members.
        BY_VERB.put(Verb.EXPN, (s, args) -> s.reply(Reply.NOT_IMPLEMENTED.withText("EXPN is disabled")));
        BY_VERB.put(Verb.HELP, (s, args) -> s.reply(Reply.HELP));
        BY_VERB.put(Verb.STARTTLS, new StartTlsCommand());
        BY_VERB.put(Verb.AUTH, AUTH);
        BY_VERB.put(Verb.XCLIENT, new XClientCommand());
    }

    private Commands() {
    }

    public static Command of(Verb verb) {
        return BY_VERB.get(verb);
    }

    /** The reply a refusing decision carries. */
    public static Reply replyOf(Decision d) {
        if (d instanceof Decision.Reject r) {
            return r.reply();
        }
        if (d instanceof Decision.Disconnect x) {
            return x.reply();
        }
        return ((Decision.Accept) d).reply();
    }

    /** Sends a refusing decision's reply, closing the connection for {@link Decision.Disconnect}. */
    static void refuse(org.hearthmail.smtp.server.SessionContext s, Decision d) {
        if (d instanceof Decision.Disconnect x) {
            s.replyAndClose(x.reply());
        } else {
            s.reply(replyOf(d));
        }
    }
}
