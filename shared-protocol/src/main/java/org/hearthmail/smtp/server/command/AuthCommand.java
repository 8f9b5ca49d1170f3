package org.hearthmail.smtp.server.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.server.Authenticator;
import org.hearthmail.smtp.server.SessionContext;
import org.hearthmail.smtp.server.SessionState;
import org.hearthmail.smtp.server.SmtpException;
import org.hearthmail.smtp.server.auth.SaslMechanism;
import org.hearthmail.smtp.server.auth.SaslStep;

/**
 * AUTH (RFC 4954 §4): {@code "AUTH" SP sasl-mech [SP initial-response]}, then 334 challenges and
 * base64 responses until 235 or an error. Offered only inside TLS; credentials are never logged.
 */
public final class AuthCommand implements Command {

    @Override
    public void execute(SessionContext s, String args) throws SmtpException {
        if (s.config().authenticator() == null) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.NOT_IMPLEMENTED.withText("AUTH not offered"));
        }
        if (!s.tlsActive()) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.ENCRYPTION_REQUIRED);
        }
        if (s.authenticated()) {
            // RFC 4954 §4: after a successful AUTH, no more AUTH commands may be issued.
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.ALREADY_AUTHENTICATED);
        }
        String[] parts = args.strip().split(" ", -1);
        if (parts[0].isEmpty() || parts.length > 2) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.SYNTAX_ERROR.withText("Syntax: AUTH mechanism [initial-response]"));
        }
        SaslMechanism mech = SaslMechanism.forName(parts[0]);
        if (mech == null) {
            s.resumeDecoder(DecoderMode.COMMAND);
            throw new SmtpException(Reply.AUTH_MECHANISM_UNSUPPORTED);
        }
        byte[] initial = null;
        if (parts.length == 2) {
            // RFC 4954 §4: "=" is an empty initial response.
            initial = parts[1].equals("=") ? new byte[0] : decode(parts[1]);
            if (initial == null) {
                s.resumeDecoder(DecoderMode.COMMAND);
                throw new SmtpException(Reply.of(501, "5.5.2", "Cannot decode initial response"));
            }
        }
        s.state(SessionState.AUTH);
        s.authExchange(mech);
        step(s, mech.start(initial));
    }

    /** A client response line during the exchange. */
    public void continueExchange(SessionContext s, byte[] line) {
        SaslMechanism mech = (SaslMechanism) s.authExchange();
        String text = new String(line, StandardCharsets.US_ASCII);
        Arrays.fill(line, (byte) 0);
        if (mech == null) {
            s.resumeDecoder(DecoderMode.COMMAND);
            return;
        }
        if (text.equals("*")) {
            // RFC 4954 §4: the client cancels with "*"; the server answers 501.
            abort(s, Reply.AUTH_CANCELLED);
            return;
        }
        byte[] response = decode(text);
        if (response == null) {
            abort(s, Reply.of(501, "5.5.2", "Cannot decode response"));
            return;
        }
        step(s, mech.next(response));
    }

    /** Ends the exchange with an error reply. */
    public void abort(SessionContext s, Reply reply) {
        s.authExchange(null);
        s.state(SessionState.READY);
        s.resumeDecoder(DecoderMode.COMMAND);
        s.reply(reply);
    }

    private void step(SessionContext s, SaslStep step) {
        if (step instanceof SaslStep.Challenge c) {
            s.resumeDecoder(DecoderMode.AUTH);
            s.reply(Reply.of(334, Base64.getEncoder().encodeToString(c.data())));
        } else if (step instanceof SaslStep.Failed f) {
            abort(s, f.reply());
        } else {
            Authenticator.Credentials creds = ((SaslStep.Done) step).credentials();
            s.authExchange(null);
            s.resumeDecoder(DecoderMode.COMMAND);
            s.await(s.config().authenticator().authenticate(s.info(), creds)
                    .handle((r, err) -> err == null ? r : new Authenticator.Result.Failure(Reply.AUTH_TEMP_FAILURE)), result -> {
                Arrays.fill(creds.password(), '\0');
                s.state(SessionState.READY);
                if (result instanceof Authenticator.Result.Success ok) {
                    s.authenticated(ok.identity());
                    s.reply(Reply.AUTH_SUCCEEDED);
                } else {
                    Reply r = ((Authenticator.Result.Failure) result).reply();
                    if (r.code() == 421) {
                        s.replyAndClose(r);
                    } else {
                        s.reply(r);
                    }
                }
            });
        }
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
