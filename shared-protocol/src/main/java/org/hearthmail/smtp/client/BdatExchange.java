package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.stream.ChunkedInput;
import java.time.Duration;
import org.hearthmail.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends content as BDAT chunks (RFC 3030 §2: {@code BDAT chunk-size [LAST]} followed by exactly
 * chunk-size octets, no dot-stuffing, no terminator). Up to {@code window} chunks are sent ahead
 * of their replies when the server pipelines (RFC 3030 §4.2 allows BDAT in a pipelined group),
 * and only while the channel is writable, so at most {@code window} chunks are buffered.
 *
 * <p>The result is the reply to BDAT LAST, or the first negative reply (after the replies to the
 * chunks already sent have been read, so the session stays in step).
 */
final class BdatExchange extends Exchange<Reply> {

    private static final Logger LOG = LoggerFactory.getLogger(BdatExchange.class);

    private final ChunkedInput<ByteBuf> content;
    private final int window;
    private int outstanding;
    private boolean lastSent;
    private Reply firstFailure;

    BdatExchange(ChunkedInput<ByteBuf> content, int window, Duration timeout) {
        super("BDAT", timeout);
        this.content = content;
        this.window = window;
    }

    @Override
    void start(ExchangeContext cx) {
        sendMore(cx);
    }

    private void sendMore(ExchangeContext cx) {
        boolean wrote = false;
        while (!lastSent && firstFailure == null && outstanding < window
                && (outstanding == 0 || cx.channel().isWritable())) {
            ByteBuf chunk;
            boolean last;
            try {
                chunk = content.readChunk(cx.ctx().alloc());
                last = content.isEndOfInput();
            } catch (Exception e) {
                // The server expects the announced octets or a further BDAT: the session cannot go on.
                cx.abort(new SmtpConnectionException("session closed: reading the message content failed: " + e, e));
                return;
            }
            if (chunk == null) {
                if (!last) {
                    break; // no data yet; resumed on the next reply or writability change
                }
                chunk = Unpooled.EMPTY_BUFFER;
            }
            String header = "BDAT " + chunk.readableBytes() + (last ? " LAST" : "");
            cx.writeLine(header, header);
            cx.write(chunk);
            outstanding++;
            lastSent = last;
            wrote = true;
        }
        if (wrote) {
            cx.flush();
        }
        if (lastSent) {
            close();
        }
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        if (outstanding == 0) {
            cx.abort(new SmtpProtocolException("reply to BDAT that was not sent: " + reply));
            return true;
        }
        outstanding--;
        if (!reply.isPositive() && firstFailure == null) {
            firstFailure = reply;
            close();
        }
        if (firstFailure != null) {
            if (outstanding == 0) {
                result.complete(firstFailure);
                return true;
            }
            return false;
        }
        if (lastSent && outstanding == 0) {
            result.complete(reply);
            return true;
        }
        sendMore(cx);
        return false;
    }

    @Override
    void onWritable(ExchangeContext cx) {
        sendMore(cx);
    }

    @Override
    void fail(Throwable cause) {
        close();
        super.fail(cause);
    }

    private void close() {
        try {
            content.close();
        } catch (Exception e) {
            LOG.warn("closing the message content failed: {}", e.toString());
        }
    }
}
