package org.hearthmail.smtp.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.smtp.Reply;

/**
 * One command and the replies it waits for. Runs only on the channel's event loop. An exchange
 * may span several replies (EHLO falling back to HELO, DATA's 354 and final reply, AUTH
 * challenges, each BDAT chunk); while it is unfinished it stays at the head of the in-flight
 * queue, so no other command can slip between its steps.
 */
abstract class Exchange<T> {

    final CompletableFuture<T> result = new CompletableFuture<>();
    private final String verb;
    private final Duration timeout;

    Exchange(String verb, Duration timeout) {
        this.verb = verb;
        this.timeout = timeout;
    }

    /**
     * RFC 2920 §3.1: only RSET, MAIL FROM and RCPT TO may be followed by further commands before
     * their reply; every other command ends a pipelined group.
     */
    boolean endsGroup() {
        return true;
    }

    /** The verb for logs and timeout messages; never arguments. */
    String verb() {
        return verb;
    }

    /** The limit for the reply currently awaited. */
    Duration currentTimeout() {
        return timeout;
    }

    /** Writes the command (the dispatcher flushes). */
    abstract void start(ExchangeContext cx);

    /**
     * Handles one reply.
     *
     * @return true when the exchange is finished and the next in-flight command may take replies
     */
    abstract boolean onReply(Reply reply, ExchangeContext cx);

    /** The channel became writable again (exchanges streaming a body resume here). */
    void onWritable(ExchangeContext cx) {
    }

    /** Called once when the session fails before this exchange finished. */
    void fail(Throwable cause) {
        result.completeExceptionally(cause);
    }
}
