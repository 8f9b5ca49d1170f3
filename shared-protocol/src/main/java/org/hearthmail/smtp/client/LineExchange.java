package org.hearthmail.smtp.client;

import java.time.Duration;
import org.hearthmail.smtp.Reply;

/**
 * One command line, one reply, returned as a value whatever its code. With a null line nothing
 * is written: the exchange only awaits a reply the server sends unasked (the 220 greeting).
 */
final class LineExchange extends Exchange<Reply> {

    private final String line;
    private final boolean pipelinable;

    LineExchange(String verb, String line, Duration timeout, boolean pipelinable) {
        super(verb, timeout);
        this.line = line;
        this.pipelinable = pipelinable;
    }

    @Override
    boolean endsGroup() {
        return !pipelinable;
    }

    @Override
    void start(ExchangeContext cx) {
        if (line != null) {
            cx.writeLine(line, line);
        }
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        result.complete(reply);
        return true;
    }
}
