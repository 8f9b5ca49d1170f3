package org.hearthmail.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link HAProxyMessageDecoder} for a trusted peer. On the decoded header it
 * sets {@link ProxyAttributes#CLIENT}, fires {@link ClientAddressResolved} and removes itself; the
 * decoder then removes itself and hands any bytes that followed the header to the next handler.
 * On a malformed header or a timeout it logs one line and closes; nothing is thrown onward.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHeaderReader.class);

    private enum State { AWAITING, DONE, FAILED }

    private final HAProxyMessageDecoder decoder;
    private final Duration timeout;
    private State state = State.AWAITING;
    private ScheduledFuture<?> timer;

    ProxyHeaderReader(HAProxyMessageDecoder decoder, Duration timeout) {
        this.decoder = decoder;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // proxy-protocol.txt §2: the receiver must not start processing the connection before it
        // has the whole header, and should bound the wait.
        timer = ctx.executor().schedule(() -> onTimeout(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.AWAITING || !(msg instanceof HAProxyMessage header)) {
            // Leftover bytes of a rejected connection, already closed: drop them.
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            accept(ctx, header);
        } finally {
            header.release();
        }
    }

    private void accept(ChannelHandlerContext ctx, HAProxyMessage header) {
        ProxiedAddress client;
        try {
            client = ProxyHeaderInterpreter.interpret(header, (InetSocketAddress) ctx.channel().remoteAddress(),
                    (InetSocketAddress) ctx.channel().localAddress());
        } catch (ProxyHeaderException e) {
            fail(ctx, e.getMessage());
            return;
        }
        state = State.DONE;
        cancelTimer();
        LOG.debug("PROXY {} {} from {}: client {} ({} TLVs)", header.protocolVersion(), header.command(),
                ctx.channel().remoteAddress(), client.source(), header.tlvs().size());
        ctx.channel().attr(ProxyAttributes.CLIENT).set(client);
        ctx.fireUserEventTriggered(new ClientAddressResolved(client));
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.AWAITING) {
            fail(ctx, describe(cause));
        } else {
            LOG.debug("after rejected PROXY header from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        if (state == State.AWAITING) {
            LOG.debug("connection from {} closed before its PROXY header", ctx.channel().remoteAddress());
        }
        ctx.fireChannelInactive();
    }

    private void onTimeout(ChannelHandlerContext ctx) {
        if (state == State.AWAITING) {
            fail(ctx, "no complete PROXY header within " + timeout.toMillis() + " ms");
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        state = State.FAILED;
        cancelTimer();
        LOG.warn("closing connection from trusted proxy {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
        // The decoder stays behind after it throws; remove it so it cannot decode (and throw) again.
        // Its buffered bytes come to us and are dropped in channelRead.
        if (ctx.pipeline().context(decoder) != null) {
            ctx.pipeline().remove(decoder);
        }
    }

    /** The innermost message, without exception class names: this goes to an operator's log line. */
    private static String describe(Throwable cause) {
        Throwable root = cause;
        for (int depth = 0; root.getCause() != null && depth < 8; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return "malformed PROXY header (" + (message == null ? root.getClass().getSimpleName() : message) + ")";
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
