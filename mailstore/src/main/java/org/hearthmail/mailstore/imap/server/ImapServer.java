package org.hearthmail.mailstore.imap.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.net.SessionLimit;
import org.hearthmail.proxy.ProxyProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP listener (143 with STARTTLS, or 993 with implicit TLS). Pipeline per connection:
 * [session limit] [PROXY] [implicit TLS] decoder, session; STARTTLS inserts its SslHandler before
 * the decoder. Store calls run on {@code executor}, never on the event loops.
 */
public final class ImapServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapServer.class);

    private final ImapConfig config;
    private final MailStore store;
    private final Authenticator authenticator;
    private final Executor executor;
    private final AtomicInteger sessions = new AtomicInteger();
    private EventLoopGroup group;
    private Channel channel;
    private ParseCacher cacher;
    private boolean cacheParses = true;

    /**
     * @param executor runs every command, login (Argon2id) and the parse of each arriving message;
     *                 its threads may block on disk and must not be Netty event loops. Size it for the
     *                 concurrent logins the box can afford (each Argon2id run takes its memory cost).
     *                 The server does not shut it down.
     */
    public ImapServer(ImapConfig config, MailStore store, Authenticator authenticator, Executor executor) {
        this.config = config;
        this.store = store;
        this.authenticator = authenticator;
        this.executor = executor;
    }

    /**
     * Whether this server parses arriving messages into the cache (default). With two listeners on
     * one store (STARTTLS and implicit TLS), one of them does it.
     */
    public ImapServer cacheParses(boolean on) {
        this.cacheParses = on;
        return this;
    }

    /** Binds {@link ImapConfig#bind()} and returns the bound address. */
    public InetSocketAddress start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        if (cacheParses) {
            cacher = new ParseCacher(store, executor);
        }
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
        channel = b.bind(config.bind()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        LOG.info("IMAP listener on {}{}", bound, config.implicitTls() ? " (implicit TLS)" : "");
        return bound;
    }

    /** One connection's pipeline; public so that tests can use an embedded channel. */
    public void initPipeline(Channel ch) {
        // RFC 3501 §7.1.5: BYE when the server refuses the connection.
        ch.pipeline().addLast("limit", new SessionLimit(sessions, config.maxSessions(),
                "* BYE Too many connections, try later\r\n".getBytes(StandardCharsets.US_ASCII)));
        if (config.proxyProtocol() != null) {
            // The PROXY header precedes everything, TLS included.
            ch.pipeline().addLast("proxy", new ProxyProtocolHandler(config.proxyProtocol()));
        }
        if (config.implicitTls()) {
            ch.pipeline().addLast("tls", config.tls().newHandler(ch.alloc()));
        }
        ImapDecoder decoder = new ImapDecoder(config.limits());
        ch.pipeline().addLast("decoder", decoder);
        ch.pipeline().addLast("session", new ImapSession(config, store, authenticator, executor, decoder));
    }

    public int activeSessions() {
        return sessions.get();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (cacher != null) {
            cacher.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
