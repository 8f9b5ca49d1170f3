package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuickAckTest {
    private static final int ROUND_TRIPS = 5;

    @Test
    void anInteractiveConnectionLeavesDelayedAckModeAndStaysUsable() throws Exception {
        assumeTrue(QuickAck.OPTION != null, "this JDK has no TCP_QUICKACK (jdk.net.ExtendedSocketOptions)");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<Boolean> quickAck = new CompletableFuture<>();
        CompletableFuture<Boolean> interactive = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        private int reads;

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            // Answering at once makes the kernel treat the connection as interactive.
                            ctx.writeAndFlush(msg);
                            if (++reads == ROUND_TRIPS) {
                                interactive.complete(!ctx.channel().config().getOption(QuickAck.OPTION));
                                QuickAck.now(ctx.channel());
                                quickAck.complete(ctx.channel().config().getOption(QuickAck.OPTION));
                            }
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                s.setSoTimeout(10_000);
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    s.getOutputStream().write('x');
                    assertThat(s.getInputStream().read()).isEqualTo('x');
                }
                assumeTrue(interactive.get(10, TimeUnit.SECONDS), "this kernel did not enter delayed-ACK mode");
                assertThat(quickAck.get(10, TimeUnit.SECONDS)).isTrue();
                s.getOutputStream().write('y');
                assertThat(s.getInputStream().read()).isEqualTo('y');
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aChannelWithoutTheOptionIsLeftAlone() {
        EmbeddedChannel ch = new EmbeddedChannel();
        QuickAck.now(ch);
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }
}
