package org.hearthmail.relay.passthrough;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's end of one pass-through connection. On activation it stops reading from the client,
 * connects to the mailstore (bounded by the connect timeout), writes the PROXY v2 header, then
 * splices both ways. If the mailstore cannot be reached, the client is disconnected.
 */
final class ClientSide extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientSide.class);

    private final PassthroughRoute route;
    private final PassthroughConfig config;
    private final Tap tap;

    ClientSide(PassthroughRoute route, PassthroughConfig config, Tap tap) {
        this.route = route;
        this.config = config;
        this.tap = tap;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("proxy-encoder", HAProxyMessageEncoder.INSTANCE);
                        ch.pipeline().addLast("splice", new Splice(client, tap, Tap.Direction.MAILSTORE_TO_CLIENT));
                    }
                });
        ChannelFuture connect = b.connect(route.target());
        // The client's end and the mailstore's end close together.
        client.closeFuture().addListener(f -> connect.channel().close());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("pass-through {} -> {}: mailstore not reachable ({}); closing the client connection",
                        client.localAddress(), route.target(), f.cause().toString());
                client.close();
                return;
            }
            Channel store = connect.channel();
            if (!client.isActive()) {
                store.close();
                return;
            }
            store.writeAndFlush(ProxyHeaders.v2((InetSocketAddress) client.remoteAddress(),
                    (InetSocketAddress) client.localAddress())).addListener(w -> {
                if (!w.isSuccess()) {
                    log.warn("pass-through to {}: PROXY header not sent: {}", route.target(), w.cause().toString());
                    client.close();
                    return;
                }
                store.pipeline().remove("proxy-encoder");
                ctx.pipeline().replace(this, "splice", new Splice(store, tap, Tap.Direction.CLIENT_TO_MAILSTORE));
                client.config().setAutoRead(true);
                store.config().setAutoRead(true);
            });
        });
        ctx.fireChannelActive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("pass-through client {} failed before the mailstore answered: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
