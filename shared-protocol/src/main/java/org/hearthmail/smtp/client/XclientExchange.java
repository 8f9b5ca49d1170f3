package org.hearthmail.smtp.client;

import java.time.Duration;
import java.util.List;
import org.hearthmail.smtp.Reply;

/**
 * Sends XCLIENT lines one after another. Postfix XCLIENT_README: "the server ... responds with
 * a 220 greeting" to each accepted XCLIENT command, and the session is then reset as if the
 * client had just connected, so the caller must send EHLO again. Stops at the first other reply.
 */
final class XclientExchange extends Exchange<Reply> {

    private final List<String> lines;
    private int next;

    XclientExchange(List<String> lines, Duration timeout) {
        super("XCLIENT", timeout);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no XCLIENT lines");
        }
        for (String l : lines) {
            if (!l.regionMatches(true, 0, "XCLIENT ", 0, 8)) {
                throw new IllegalArgumentException("each line must be an XCLIENT command");
            }
        }
        this.lines = List.copyOf(lines);
    }

    @Override
    void start(ExchangeContext cx) {
        sendNext(cx);
    }

    private void sendNext(ExchangeContext cx) {
        String l = lines.get(next++);
        cx.writeLine(l, l);
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        if (reply.code() != 220) {
            result.completeExceptionally(new SmtpReplyException("XCLIENT", reply));
            return true;
        }
        if (next == lines.size()) {
            result.complete(reply);
            return true;
        }
        sendNext(cx);
        cx.flush();
        return false;
    }
}
