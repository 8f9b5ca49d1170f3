package org.hearthmail.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For an untrusted peer under {@link UntrustedHeaderPolicy#CLOSE}: looks at the first bytes of the
 * stream and closes the connection if they are a PROXY signature, since an untrusted peer must not
 * choose its own client address. Bytes that cannot start a signature pass on at once; only a
 * partial signature match (at most 11 bytes) is held back until it is decided.
 */
final class ProxySignatureGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxySignatureGuard.class);

    private ByteBuf pending;
    private boolean rejected;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf view = bytes;
        if (pending != null) {
            pending.writeBytes(bytes);
            bytes.release();
            view = pending;
        }
        switch (ProxySignature.classify(view)) {
            case NONE -> pass(ctx, view);
            case V1, V2 -> reject(ctx, view);
            case NEED_MORE -> {
                if (pending == null) {
                    pending = ctx.alloc().buffer(16);
                    pending.writeBytes(bytes);
                    bytes.release();
                }
            }
        }
    }

    private void pass(ChannelHandlerContext ctx, ByteBuf bytes) {
        pending = null;
        ctx.fireChannelRead(bytes);
        ctx.pipeline().remove(this);
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf bytes) {
        rejected = true;
        pending = null;
        bytes.release();
        LOG.warn("closing connection from {}: PROXY header from a source not in the trusted set",
                ctx.channel().remoteAddress());
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
