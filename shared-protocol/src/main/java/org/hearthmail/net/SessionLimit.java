package org.hearthmail.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the concurrent sessions of one listener: a connection beyond {@code max} gets the protocol's
 * refusal (SMTP {@code 421}, RFC 5321 §3.1; IMAP {@code * BYE}, RFC 3501 §7.1.5) and is closed.
 * One instance per connection; the counter is the listener's.
 */
public final class SessionLimit extends ChannelInboundHandlerAdapter {

    private final AtomicInteger sessions;
    private final int max;
    private final byte[] refusal;
    private boolean counted;

    public SessionLimit(AtomicInteger sessions, int max, byte[] refusal) {
        this.sessions = sessions;
        this.max = max;
        this.refusal = refusal.clone();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (sessions.incrementAndGet() > max) {
            sessions.decrementAndGet();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        counted = true;
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (counted) {
            ctx.channel().closeFuture().addListener(f -> sessions.decrementAndGet());
        }
    }
}
