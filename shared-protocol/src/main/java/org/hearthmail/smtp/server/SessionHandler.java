package org.hearthmail.smtp.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The policy and delivery hooks of one SMTP session, written by the relay and the mailstore; the
 * protocol engine calls them on the channel's event loop and never lets them see protocol syntax.
 * Each method returns a stage so that work such as DNS lookups or a call to the next hop can run
 * elsewhere; the session waits for it before reading on.
 */
public interface SessionHandler {

    /** Before the greeting. A reject sends the reply and closes (RFC 5321 §3.1: 554 greeting). */
    default CompletionStage<Decision> connect(SessionInfo session) {
        return CompletableFuture.completedFuture(Decision.accept());
    }

    default CompletionStage<Decision> helo(SessionInfo session, String name) {
        return CompletableFuture.completedFuture(Decision.accept());
    }

    CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom);

    CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo);

    /** DATA or the first BDAT of a message with at least one accepted recipient. */
    CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope);

    /** The transaction was reset (RSET, EHLO, STARTTLS, XCLIENT, or after the final reply). */
    default void reset() {
    }

    /** The connection closed. */
    default void close() {
    }
}
