package org.hearthmail.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Put first in the pipeline of a listener configured for the PROXY protocol. When the channel
 * becomes active it looks at the real peer and replaces itself:
 * <ul>
 *   <li>trusted peer: Netty's {@link HAProxyMessageDecoder} followed by a {@link ProxyHeaderReader},
 *       which require the header within the configured timeout;</li>
 *   <li>untrusted peer: the connection addresses are used at once; with
 *       {@link UntrustedHeaderPolicy#CLOSE} a {@link ProxySignatureGuard} closes the connection if the
 *       stream starts with a PROXY signature.</li>
 * </ul>
 * Either way {@link ProxyAttributes#CLIENT} is set and {@link ClientAddressResolved} fired once.
 * Not sharable: one instance per channel, added (e.g. in a ChannelInitializer) before the channel
 * becomes active.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    private final ProxyProtocolConfig config;

    public ProxyProtocolHandler(ProxyProtocolConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Acting on channelActive, not handlerAdded: an accepted channel is already active while a
        // ChannelInitializer runs, and the handlers after this one would miss the event.
        setUp(ctx);
    }

    private void setUp(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote)
                || !(ctx.channel().localAddress() instanceof InetSocketAddress local)) {
            LOG.warn("PROXY protocol listener got a non-IP channel {}; closing", ctx.channel());
            ctx.close();
            ctx.pipeline().remove(this);
            return;
        }
        if (config.trustedSources().contains(remote.getAddress())) {
            HAProxyMessageDecoder decoder = new HAProxyMessageDecoder(config.maxTlvBytes());
            ProxyHeaderReader reader = new ProxyHeaderReader(decoder, config.headerTimeout());
            String decoderName = ctx.name() + "-decoder";
            ctx.pipeline().addAfter(ctx.name(), decoderName, decoder);
            ctx.pipeline().addAfter(decoderName, ctx.name() + "-reader", reader);
            ctx.fireChannelActive();
        } else {
            ProxiedAddress direct = new ProxiedAddress(remote, local, ProxiedAddress.Transport.TCP,
                    ProxiedAddress.Origin.DIRECT);
            if (config.untrustedPolicy() == UntrustedHeaderPolicy.CLOSE) {
                ctx.pipeline().addAfter(ctx.name(), ctx.name() + "-guard", new ProxySignatureGuard());
            }
            ctx.channel().attr(ProxyAttributes.CLIENT).set(direct);
            ctx.fireChannelActive();
            ctx.fireUserEventTriggered(new ClientAddressResolved(direct));
        }
        ctx.pipeline().remove(this);
    }
}
