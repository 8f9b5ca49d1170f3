package org.hearthmail.smtp.server;

import org.hearthmail.testsupport.TrackingAllocator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.codec.SmtpServerDecoder;


/**
 * The full server pipeline ({@link SmtpServer#initPipeline}) on an {@link EmbeddedChannel} for fuzzing:
 * every buffer comes from a {@link TrackingAllocator}; one probe between decoder and session and one
 * after the session record any exception or stray message travelling the pipeline.
 */
final class FuzzPipeline implements AutoCloseable {

    final TrackingAllocator alloc = new TrackingAllocator();
    final EmbeddedChannel channel = new EmbeddedChannel(false, false);
    final List<String> problems = new ArrayList<>();
    private final StringBuilder replies = new StringBuilder();

    FuzzPipeline(SmtpServerConfig config, SessionHandlerFactory factory) {
        channel.config().setAllocator(alloc);
        new SmtpServer(config, factory, null).initPipeline(channel);
        channel.pipeline().addBefore("session", "probe", new Probe("between decoder and session", true));
        channel.pipeline().addLast("tail", new Probe("after the session", false));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        settle();
    }

    SmtpServerDecoder decoder() {
        return channel.pipeline().get(SmtpServerDecoder.class);
    }

    /** Decoder mode, or null once the channel is closed. */
    DecoderMode mode() {
        SmtpServerDecoder d = decoder();
        return channel.isOpen() && d != null ? d.mode() : null;
    }

    /** One read per piece; stops quietly once the server has closed the connection. */
    void feed(byte[] bytes, int from, int to) {
        if (!channel.isOpen() || to <= from) {
            return;
        }
        channel.writeInbound(alloc.copyOf(bytes, from, to - from));
        settle();
    }

    void feed(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
        feed(b, 0, b.length);
    }

    /** Runs what the session handed to the event loop (policy results) until nothing is left; bounded. */
    private void settle() {
        for (int i = 0; i < 1000 && channel.isOpen(); i++) {
            channel.runPendingTasks();
            channel.flushOutbound();
            collectReplies();
            if (!channel.hasPendingTasks()) {
                break;
            }
        }
        collectReplies();
    }

    private void collectReplies() {
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            replies.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
    }

    /** Everything the server wrote since the last call. */
    String takeReplies() {
        settle();
        String s = replies.toString();
        replies.setLength(0);
        return s;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        collectReplies();
    }

    private final class Probe extends ChannelInboundHandlerAdapter {
        private final String where;
        private final boolean passReads;

        Probe(String where, boolean passReads) {
            this.where = where;
            this.passReads = passReads;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (passReads) {
                ctx.fireChannelRead(msg);
                return;
            }
            problems.add("message passed the session: " + msg.getClass().getName());
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problems.add("exception " + where + ": " + cause);
            ctx.fireExceptionCaught(cause);
        }
    }
}
