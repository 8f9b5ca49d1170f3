package org.hearthmail.smtp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hearthmail.net.SessionLimit;
import org.hearthmail.proxy.ProxyProtocolHandler;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.SmtpServerDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP listener. Pipeline per connection: [front handler] [session limit] [implicit TLS] [PROXY] decoder, session.
 * STARTTLS inserts its SslHandler before the decoder.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    private final SmtpServerConfig config;
    private final SessionHandlerFactory factory;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final AtomicInteger sessions = new AtomicInteger();
    /** Open connections, closed by {@link #close}: a stopped event loop does not always close them itself. */
    private final io.netty.channel.group.ChannelGroup connections =
            new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    private Channel channel;
    private volatile Supplier<? extends ChannelHandler> front;

    public SmtpServer(SmtpServerConfig config, SessionHandlerFactory factory) {
        this(config, factory, new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory()), true);
    }

    public SmtpServer(SmtpServerConfig config, SessionHandlerFactory factory, EventLoopGroup group) {
        this(config, factory, group, false);
    }

    private SmtpServer(SmtpServerConfig config, SessionHandlerFactory factory, EventLoopGroup group, boolean ownGroup) {
        this.config = config;
        this.factory = factory;
        this.group = group;
        this.ownGroup = ownGroup;
    }

    /** Binds and returns the bound address (port 0 picks a free port). */
    public InetSocketAddress start(InetSocketAddress address) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch);
                    }
                });
        channel = b.bind(address).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("SMTP listener on {}", bound);
        return bound;
    }

    /**
     * Puts a handler made per connection in front of everything else (e.g. the relay's connection
     * gate, which may hold back channelActive, and with it the greeting, until it has decided).
     * Call before {@link #start}.
     */
    public SmtpServer frontHandler(Supplier<? extends ChannelHandler> front) {
        this.front = front;
        return this;
    }

    /** Sets up one connection's pipeline; public so that tests can use an embedded channel. */
    public void initPipeline(Channel ch) {
        connections.add(ch);
        if (front != null) {
            ch.pipeline().addLast("front", front.get());
        }
        ch.pipeline().addLast("limit", new SessionLimit(sessions, config.maxSessions(), Reply.TOO_MANY_SESSIONS.renderBytes(false)));
        if (config.proxyProtocol() != null) {
            // The PROXY header precedes everything, TLS included.
            ch.pipeline().addLast("proxy", new ProxyProtocolHandler(config.proxyProtocol()));
        }
        if (config.implicitTls()) {
            ch.pipeline().addLast("tls", config.tls().newHandler(ch.alloc()));
        }
        SmtpServerDecoder decoder = new SmtpServerDecoder(config.limits());
        ch.pipeline().addLast("decoder", decoder);
        ch.pipeline().addLast("session", new SmtpSession(config, factory, decoder));
    }

    public int activeSessions() {
        return sessions.get();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        // Peers see the connection end at once instead of a session that never answers again.
        connections.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS);
        if (ownGroup) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
