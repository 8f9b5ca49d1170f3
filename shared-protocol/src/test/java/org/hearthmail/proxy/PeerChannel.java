package org.hearthmail.proxy;

import org.hearthmail.testsupport.TrackingAllocator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * EmbeddedChannel with real IP endpoints, a {@link ProxyProtocolHandler} first and a recorder last.
 * Input goes through a {@link TrackingAllocator} so every buffer can be checked for release.
 */
final class PeerChannel extends EmbeddedChannel {

    static final InetSocketAddress MAILSTORE = new InetSocketAddress(ipv4(10, 77, 0, 2), 10025);
    static final InetSocketAddress RELAY = new InetSocketAddress(ipv4(10, 77, 0, 1), 40000);
    static final InetSocketAddress STRANGER = new InetSocketAddress(ipv4(198, 51, 100, 7), 50123);

    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    final TrackingAllocator alloc = new TrackingAllocator();
    final Recorder recorder = new Recorder();

    PeerChannel(InetSocketAddress remote, ProxyProtocolConfig config) {
        super(false, false);
        this.remote = remote;
        this.local = MAILSTORE;
        config().setAllocator(alloc);
        pipeline().addLast("proxy", new ProxyProtocolHandler(config));
        pipeline().addLast("recorder", recorder);
        try {
            register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected InetSocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected InetSocketAddress localAddress0() {
        return local;
    }

    /** Writes each chunk as its own buffer, as separate TCP segments would arrive. */
    void feed(List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            if (chunk.length > 0 && isOpen()) {
                writeInbound(alloc.track(chunk));
            }
        }
    }

    /** Everything that reached the end of the pipeline, concatenated; the buffers are released. */
    byte[] drainInbound() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = readInbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static java.net.InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return java.net.InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Records events and whether any data arrived before the address was resolved. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<ClientAddressResolved> events = new ArrayList<>();
        int activeCount;
        boolean dataBeforeEvent;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activeCount++;
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ClientAddressResolved resolved) {
                events.add(resolved);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (events.isEmpty()) {
                dataBeforeEvent = true;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
