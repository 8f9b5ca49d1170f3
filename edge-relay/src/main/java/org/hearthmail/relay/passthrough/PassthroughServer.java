package org.hearthmail.relay.passthrough;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.relay.gate.ConnectionGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's client ports (465, 587, 993): raw TCP forwarded to the mailstore with a PROXY v2
 * header first. TLS is not terminated here. Pipeline per client: [gate admission] [idle timer]
 * [client side, then splice]; the mailstore side: [PROXY encoder, removed after the header] [splice].
 */
public final class PassthroughServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PassthroughServer.class);

    private final PassthroughConfig config;
    private final ConnectionGate gate;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final List<Channel> listeners = new ArrayList<>();
    private volatile Tap tap = Tap.NONE;

    /** @param gate the limits and ban list for these ports, or null for none */
    public PassthroughServer(PassthroughConfig config, ConnectionGate gate) {
        this(config, gate, new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory()), true);
    }

    public PassthroughServer(PassthroughConfig config, ConnectionGate gate, EventLoopGroup group) {
        this(config, gate, group, false);
    }

    private PassthroughServer(PassthroughConfig config, ConnectionGate gate, EventLoopGroup group, boolean ownGroup) {
        this.config = config;
        this.gate = gate;
        this.group = group;
        this.ownGroup = ownGroup;
    }

    /** For tests: sees every byte passing through. Set before {@link #start()}. */
    PassthroughServer tap(Tap t) {
        this.tap = t;
        return this;
    }

    /** Binds every route's listen address; returns the bound addresses in route order (port 0 picks one). */
    public List<InetSocketAddress> start() throws InterruptedException {
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (PassthroughRoute route : config.routes()) {
                Channel ch = bootstrap(route).bind(route.listen()).sync().channel();
                listeners.add(ch);
                InetSocketAddress a = (InetSocketAddress) ch.localAddress();
                bound.add(a);
                log.info("pass-through listener on {} to {}", a, route.target());
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        return bound;
    }

    private ServerBootstrap bootstrap(PassthroughRoute route) {
        long idle = config.idleTimeout().toMillis();
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (gate != null) {
                            ch.pipeline().addLast("gate", gate.newPassthroughHandler());
                        }
                        // Idle in both directions: reads from the client and writes to it (the mailstore's bytes).
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("client", new ClientSide(route, config, tap));
                    }
                });
    }

    @Override
    public void close() {
        for (Channel ch : listeners) {
            ch.close().syncUninterruptibly();
        }
        listeners.clear();
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
