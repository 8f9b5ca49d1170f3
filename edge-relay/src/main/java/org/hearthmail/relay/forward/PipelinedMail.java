package org.hearthmail.relay.forward;

import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.Reply;

/**
 * A MAIL written to the mailstore's open session without waiting for its reply; the sender got
 * {@code 250} already, and the mailstore's verdict on MAIL is given at the sender's RCPTs.
 *
 * <p>The sender's view is the one Postfix gives with {@code smtpd_delay_reject}: a sender refusal
 * reported on each RCPT (RFC 5321 §3.3 lets a server refuse the transaction at RCPT). The mailstore's
 * round trip for MAIL overlaps the sender's own turn to RCPT instead of adding to it: one
 * relay↔mailstore round trip (the tunnel's, 10–50 ms over a home line) less per message. RCPT goes to
 * the mailstore once MAIL was accepted (RFC 2920 §3.1 would allow it at once, but behind a refused MAIL
 * it would only earn a 503); the reply to MAIL is usually in by then.
 *
 * @param reply the mailstore's reply to MAIL; fails when the session broke before it came
 */
record PipelinedMail(CompletableFuture<Reply> reply) {

    /** What the mailstore said to MAIL, once it is known. */
    sealed interface Outcome {
        /** 250: the RCPT's own reply is the verdict. */
        record Accepted() implements Outcome { }

        /** 4yz/5yz to MAIL: every RCPT of this transaction gets this reply. */
        record Refused(Reply reply) implements Outcome { }

        /** No reply (connection lost, timeout): as if the mailstore was unreachable at MAIL. */
        record Failed(Throwable cause) implements Outcome { }
    }

    /** The outcome as a value; never completes exceptionally. */
    CompletableFuture<Outcome> outcome() {
        return reply.handle((r, err) -> {
            if (err != null) {
                return new Outcome.Failed(err);
            }
            return r.isPositive() ? new Outcome.Accepted() : new Outcome.Refused(r);
        });
    }
}
