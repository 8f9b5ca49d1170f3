package org.hearthmail.relay.passthrough;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.ClientAddressResolved;
import org.hearthmail.proxy.ProxiedAddress;
import org.hearthmail.proxy.ProxyProtocolConfig;
import org.hearthmail.proxy.ProxyProtocolHandler;

/**
 * A stand-in mailstore port for tests: decodes PROXY v2 from loopback with the project's own handler,
 * optionally terminates TLS, then echoes (and says "BYE" when the client half-closes) or only counts
 * and hashes what arrives. Records the raw bytes after the PROXY header (what crossed the relay).
 */
final class ProxyBackend implements AutoCloseable {

    enum Mode { ECHO, SINK }

    final CompletableFuture<ProxiedAddress> client = new CompletableFuture<>();
    final CompletableFuture<Long> sinkDone = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final AtomicInteger connections = new AtomicInteger();
    final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final MessageDigest digest;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Mode mode;
    private final SslContext tls;
    private volatile boolean paused;
    private volatile Channel child;
    private Channel listener;
    private long sunk;

    ProxyBackend(Mode mode, SslContext tls) {
        this.mode = mode;
        this.tls = tls;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops reading from the relay as soon as the PROXY header is in (for back-pressure tests). */
    ProxyBackend paused() {
        paused = true;
        return this;
    }

    void resume() {
        Channel c = child;
        c.eventLoop().execute(() -> c.config().setAutoRead(true));
    }

    synchronized byte[] sha256() {
        return digest.digest();
    }

    InetSocketAddress start() throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        child = ch;
                        ch.closeFuture().addListener(f -> closed.complete(null));
                        ch.pipeline().addLast("proxy", new ProxyProtocolHandler(
                                ProxyProtocolConfig.trusting(CidrSet.of("127.0.0.0/8"))));
                        ch.pipeline().addLast("raw", new RawCapture());
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("app", new App());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return (InetSocketAddress) listener.localAddress();
    }

    private final class RawCapture extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && tls != null) {
                synchronized (raw) {
                    byte[] bytes = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), bytes);
                    raw.writeBytes(bytes);
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class App extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ClientAddressResolved r) {
                client.complete(r.client());
                if (paused) {
                    ctx.channel().config().setAutoRead(false);
                }
            } else if (evt instanceof ChannelInputShutdownEvent) {
                if (mode == Mode.ECHO) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer("BYE\n", StandardCharsets.US_ASCII))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    sinkDone.complete(sunk);
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (mode == Mode.ECHO) {
                ctx.write(msg);
                return;
            }
            ByteBuf b = (ByteBuf) msg;
            synchronized (ProxyBackend.this) {
                sunk += b.readableBytes();
                digest.update(b.nioBuffer());
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
