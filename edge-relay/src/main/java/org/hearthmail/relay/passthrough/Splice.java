package org.hearthmail.relay.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies bytes from its channel to the peer channel. Back-pressure: reading stops while the peer
 * cannot take more (its outbound buffer is above the high water mark) and resumes when it drains.
 * Half-close: end of input here becomes a shutdown of the peer's output once everything before it
 * is written, so a client that half-closes still gets the rest of the answer; when both directions
 * have ended, both channels close. Any error or an idle timeout closes both.
 */
final class Splice extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Splice.class);

    private final Channel peer;
    private final Tap tap;
    private final Tap.Direction direction;

    Splice(Channel peer, Tap tap, Tap.Direction direction) {
        this.peer = peer;
        this.tap = tap;
        this.direction = direction;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf b) {
            tap.bytes(direction, b.asReadOnly());
        }
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
        ctx.fireChannelReadComplete();
    }

    /** Our channel drained or filled up: the peer, which writes into it, reads accordingly. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The sender half-closed (TCP FIN): pass the end of stream on after the data before it.
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (peer instanceof DuplexChannel d && peer.isActive()) {
                    d.shutdownOutput();
                }
                closeIfBothEnded(ctx.channel());
            });
            return;
        }
        if (evt instanceof IdleStateEvent) {
            log.debug("pass-through {} idle; closing", ctx.channel().remoteAddress());
            closeBoth(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Whatever is still queued for the peer goes out first.
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("pass-through {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        closeBoth(ctx.channel());
    }

    private void closeIfBothEnded(Channel self) {
        if (self instanceof DuplexChannel a && peer instanceof DuplexChannel b
                && a.isInputShutdown() && b.isInputShutdown()) {
            closeBoth(self);
        }
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }
}
