package org.hearthmail.smtp.server;


import static org.hearthmail.smtp.server.SessionState.CONNECTED;
import static org.hearthmail.smtp.server.SessionState.READY;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.smtp.Reply;

/**
 * The commands the server knows, and in which states each is valid: declared once, checked in one
 * place ({@link SmtpSession}). RFC 5321 §4.1.4 for the base order, RFC 3030 §3 for BDAT, RFC 3207
 * §4 for STARTTLS, RFC 4954 §4 for AUTH, Postfix XCLIENT_README for XCLIENT.
 */
public enum Verb {
    EHLO(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT), null),
    HELO(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT), null),
    MAIL(EnumSet.of(READY), null),
    RCPT(EnumSet.of(SessionState.MAIL, SessionState.RCPT), Reply.BAD_SEQUENCE.withText("Need MAIL before RCPT")),
    // RFC 5321 §3.3: DATA without an accepted recipient: 503 or 554; 554 "no valid recipients".
    DATA(EnumSet.of(SessionState.RCPT), null),
    BDAT(EnumSet.of(SessionState.RCPT, SessionState.BDAT), null),
    RSET(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT, SessionState.BDAT), null),
    NOOP(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT, SessionState.BDAT), null),
    QUIT(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT, SessionState.BDAT), null),
    VRFY(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT), null),
    EXPN(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT), null),
    HELP(EnumSet.of(CONNECTED, READY, SessionState.MAIL, SessionState.RCPT), null),
    STARTTLS(EnumSet.of(CONNECTED, READY), Reply.BAD_SEQUENCE.withText("STARTTLS not allowed during a mail transaction")),
    AUTH(EnumSet.of(READY), null),
    XCLIENT(EnumSet.of(CONNECTED, READY), Reply.BAD_SEQUENCE.withText("XCLIENT not allowed during a mail transaction"));

    private final Set<SessionState> validIn;
    private final Reply outOfSequence;

    Verb(Set<SessionState> validIn, Reply outOfSequence) {
        this.validIn = validIn;
        this.outOfSequence = outOfSequence;
    }

    public boolean validIn(SessionState state) {
        return validIn.contains(state);
    }

    /** The reply when the verb arrives in a state where it is not valid. */
    public Reply outOfSequence(SessionState state) {
        if (state == SessionState.BDAT) {
            // RFC 3030 §3: DATA and other transaction commands are not allowed within a BDAT transaction.
            return Reply.BAD_SEQUENCE.withText("Only BDAT, RSET, NOOP or QUIT inside a BDAT transaction");
        }
        if (this == MAIL && (state == SessionState.MAIL || state == SessionState.RCPT)) {
            return Reply.BAD_SEQUENCE.withText("Nested MAIL command");
        }
        if (state == CONNECTED && (this == MAIL || this == AUTH)) {
            return Reply.BAD_SEQUENCE.withText("Send EHLO or HELO first");
        }
        if ((this == DATA || this == BDAT) && state == SessionState.MAIL) {
            return Reply.of(554, "5.5.1", "No valid recipients");
        }
        if ((this == DATA || this == BDAT) && (state == READY || state == CONNECTED)) {
            return Reply.BAD_SEQUENCE.withText("Need MAIL and RCPT before " + name());
        }
        if (this == AUTH && (state == SessionState.MAIL || state == SessionState.RCPT)) {
            return Reply.BAD_SEQUENCE.withText("AUTH not allowed during a mail transaction");
        }
        return outOfSequence != null ? outOfSequence : Reply.BAD_SEQUENCE;
    }

    /** The verb for a command word, or null. */
    public static Verb of(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
