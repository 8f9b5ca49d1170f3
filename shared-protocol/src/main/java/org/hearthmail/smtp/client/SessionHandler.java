package org.hearthmail.smtp.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.hearthmail.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches replies to commands in order (RFC 2920 §3.2: replies come in the order of the
 * commands), decides when the next command may be written (pipelining groups), runs the
 * per-command timer and turns every failure into a failure of all outstanding commands.
 *
 * <p>Invariants: all state is touched on the event loop only; an exchange is in exactly one of
 * {@code waiting} (not yet written) or {@code inFlight} (written, awaiting replies); once
 * {@code failure} is set, it never changes and the channel is closed.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter implements ExchangeContext {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final SmtpClientConfig config;
    private final ReplyDecoder decoder;
    private final Deque<Exchange<?>> waiting = new ArrayDeque<>();
    private final Deque<Exchange<?>> inFlight = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private volatile boolean pipelining;
    /** Read by {@link SmtpClient#isOpen} from any thread. */
    private volatile Throwable failure;

    private final Exchange<?> greeting;

    SessionHandler(SmtpClientConfig config, ReplyDecoder decoder, Exchange<?> greeting) {
        this.config = config;
        this.decoder = decoder;
        this.greeting = greeting;
    }

    /** Called on the event loop. */
    void setPipelining(boolean on) {
        pipelining = on;
    }

    /** Queues an exchange; may be called from any thread. */
    <T> Exchange<T> submit(Exchange<T> e) {
        if (ctx == null) {
            throw new IllegalStateException("handler not yet added to a channel");
        }
        if (ctx.executor().inEventLoop()) {
            enqueue(e);
        } else {
            ctx.executor().execute(() -> enqueue(e));
        }
        return e;
    }

    /** RFC 5321 §3.1: the server speaks first; the greeting is in flight from the start. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        inFlight.add(greeting);
        arm(greeting.verb(), greeting.currentTimeout());
        ctx.fireChannelActive();
    }

    private void enqueue(Exchange<?> e) {
        if (failure != null) {
            e.fail(failure);
            return;
        }
        waiting.add(e);
        pump();
    }

    private void pump() {
        boolean wrote = false;
        while (failure == null && !waiting.isEmpty()) {
            Exchange<?> last = inFlight.peekLast();
            // RFC 2920 §3.1: without PIPELINING, one command at a time; with it, a group ends at
            // any command other than RSET, MAIL and RCPT.
            if (last != null && (!pipelining || last.endsGroup())) {
                break;
            }
            Exchange<?> e = waiting.poll();
            inFlight.add(e);
            try {
                e.start(this);
            } catch (RuntimeException ex) {
                inFlight.remove(e);
                e.fail(ex);
                continue;
            }
            if (failure != null) {
                return; // the write failed at once and ended the session
            }
            wrote = true;
            if (inFlight.peek() == e) {
                arm(e.verb(), e.currentTimeout());
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Reply reply)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failure != null) {
            return;
        }
        LOG.debug("S: {}", reply);
        Exchange<?> head = inFlight.peek();
        if (head == null) {
            // RFC 5321 §3.8: a server may send 421 unasked before closing.
            abort(reply.code() == 421
                    ? new SmtpConnectionException("server is closing the session: " + reply)
                    : new SmtpProtocolException("reply without a command: " + reply));
            return;
        }
        cancelTimer();
        boolean done;
        try {
            done = head.onReply(reply, this);
        } catch (RuntimeException ex) {
            abort(ex);
            return;
        }
        afterReply(head, done);
    }

    private void afterReply(Exchange<?> head, boolean done) {
        if (failure != null) {
            return;
        }
        if (done) {
            inFlight.remove(head);
        }
        Exchange<?> next = inFlight.peek();
        if (next != null && timer == null) {
            arm(next.verb(), next.currentTimeout());
        }
        pump();
    }

    @Override
    public void finish(Exchange<?> e) {
        if (failure == null && inFlight.peek() == e) {
            cancelTimer();
            afterReply(e, true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange<?> head = inFlight.peek();
        if (head != null && ctx.channel().isWritable() && failure == null) {
            head.onWritable(this);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof SmtpClientException) {
            abort(c);
        } else if (c instanceof SSLException) {
            abort(new SmtpTlsException("TLS failure: " + c.getMessage(), c));
        } else {
            abort(new SmtpConnectionException("connection failed: " + c, c));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abort(new SmtpConnectionException("connection closed by the server"));
        ctx.fireChannelInactive();
    }

    @Override
    public void abort(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        cancelTimer();
        if (!inFlight.isEmpty() || !waiting.isEmpty()) {
            LOG.debug("session failed with {} command(s) outstanding: {}", inFlight.size() + waiting.size(), cause.getMessage());
        }
        Exchange<?> e;
        while ((e = inFlight.poll()) != null) {
            e.fail(cause);
        }
        while ((e = waiting.poll()) != null) {
            e.fail(cause);
        }
        ctx.close();
    }

    /** The failure that ended this session, or null while it is usable. */
    Throwable failure() {
        return failure;
    }

    @Override
    public ChannelHandlerContext ctx() {
        return ctx;
    }

    @Override
    public SmtpClientConfig config() {
        return config;
    }

    @Override
    public ChannelFuture writeLine(String line, String logForm) {
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            // RFC 5321 §2.3.8: CR and LF only as the line ending; anything else would inject commands.
            if (ch == '\r' || ch == '\n' || ch == 0) {
                throw new IllegalArgumentException("command argument contains CR, LF or NUL");
            }
        }
        LOG.debug("C: {}", logForm);
        return abortIfUnsent(ctx.write(ctx.alloc().buffer(line.length() + 2)
                .writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public ChannelFuture write(Object msg) {
        return abortIfUnsent(ctx.write(msg));
    }

    /**
     * A command that could not be written (the connection is already gone) gets no reply: end the
     * session now rather than when its reply timer runs out, minutes later.
     */
    private ChannelFuture abortIfUnsent(ChannelFuture f) {
        f.addListener(w -> {
            if (!w.isSuccess()) {
                abort(new SmtpConnectionException("cannot send to the server: " + w.cause(), w.cause()));
            }
        });
        return f;
    }

    @Override
    public ChannelFuture write(Object msg, ChannelPromise promise) {
        return ctx.write(msg, promise);
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public void arm(String what, Duration limit) {
        cancelTimer();
        timer = ctx.executor().schedule(() -> {
            timer = null;
            abort(new SmtpTimeoutException(what, limit));
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public int pendingInputBytes() {
        return decoder.pendingBytes();
    }
}
