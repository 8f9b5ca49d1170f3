package org.hearthmail.mailstore.imap.command;

import java.util.Arrays;
import org.hearthmail.mailstore.auth.Argon2Exception;
import org.hearthmail.mailstore.auth.AuthResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The part LOGIN and AUTHENTICATE share: the TLS rule and the call to the authenticator. */
final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    private Logins() {
    }

    /** RFC 3501 §6.2.3 and RFC 5530 PRIVACYREQUIRED: no password in clear unless configured for a demo. */
    static void requirePrivacy(CommandContext ctx) throws ImapException {
        if (!ctx.tlsActive() && !ctx.config().allowPlaintextAuth()) {
            throw ImapException.no("PRIVACYREQUIRED", "Log in after STARTTLS");
        }
    }

    /** Checks the password (blocking, Argon2id), wipes it, and logs the session in. */
    static Outcome login(CommandContext ctx, String user, char[] password) throws ImapException {
        AuthResult r;
        try {
            r = ctx.authenticator().authenticate(user, password, ctx.clientAddress());
        } catch (Argon2Exception e) {
            // RFC 5530 §3: UNAVAILABLE, a subsystem is down (the password was not checked).
            LOG.warn("IMAP {}: password check failed: {}", org.hearthmail.log.LogPrivacy.current().ip(ctx.clientAddress()),
                    e.getMessage());
            throw ImapException.no("UNAVAILABLE", "Authentication temporarily unavailable");
        } finally {
            Arrays.fill(password, '\0');
        }
        if (r instanceof AuthResult.Success s) {
            ctx.loggedIn(s.user());
            // RFC 3501 §6.2.3: the OK may carry the new capabilities.
            return Outcome.ok("CAPABILITY " + ctx.capabilities(), "Logged in");
        }
        if (r instanceof AuthResult.Throttled) {
            throw ImapException.no("UNAVAILABLE", "Too many failed logins, try again later");
        }
        throw ImapException.no("AUTHENTICATIONFAILED", "Authentication failed");
    }
}
