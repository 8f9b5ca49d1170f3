package org.hearthmail.relay.forward;

import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.Reply;

/**
 * A MAIL written to the mailstore's open session without waiting for its reply; the sender got
 * {@code 250} already, and the mailstore's verdict on MAIL is given at the sender's RCPTs.
 *
 * <p>RFC 2920 §3.1: a client may send MAIL and RCPT without waiting for the reply to MAIL, and
 * must then take a refused MAIL from the reply to MAIL, ignoring the (failed) RCPT replies that
 * follow it. The sender's view is the one Postfix gives with {@code smtpd_delay_reject}: a sender
 * refusal reported on each RCPT (RFC 5321 §3.3 allows the refusal of the transaction at RCPT).
 * This saves the sender one relay↔mailstore round trip per message (the tunnel's, 10–50 ms over
 * a home line); the reply is usually in before the sender's RCPT arrives.
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

    /** True when MAIL is known to have failed or been refused, so writing RCPT is pointless. */
    boolean knownUnusable() {
        return reply.isDone() && (reply.isCompletedExceptionally() || !reply.join().isPositive());
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
