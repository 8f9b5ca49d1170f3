package org.hearthmail.smtp.codec;

import org.hearthmail.testsupport.TrackingAllocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Feeds bytes into a bare {@link SmtpServerDecoder} on an {@link EmbeddedChannel} (no session) and
 * records what it emits, in order. Content slices are copied, released at once and kept so that
 * {@link #close()} can check that each one reached refCnt 0; every buffer the test fed in or the
 * decoder allocated is tracked too.
 *
 * <p>The decoder stops in {@link DecoderMode#WAIT} after DATA, AUTH and STARTTLS; a resume policy
 * plays the session's part, either inside the read that emitted the input (re-entrant, as the
 * session does for errors) or after the test's write returns (as after an asynchronous policy call).
 */
final class DecoderDriver implements AutoCloseable {

    enum Resume { INLINE, AFTER_WRITE }

    /** How a session goes on after each input that leaves the decoder waiting; null: stay waiting. */
    static final Function<SmtpInput, DecoderMode> SESSION_LIKE = input -> {
        if (input instanceof SmtpInput.CommandLine c) {
            String line = new String(c.bytes(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            if (line.equals("DATA")) {
                return DecoderMode.DATA;
            }
            if (line.startsWith("AUTH")) {
                return DecoderMode.AUTH;
            }
            return DecoderMode.COMMAND;
        }
        if (input instanceof SmtpInput.DataEnd || input instanceof SmtpInput.AuthLine) {
            return DecoderMode.COMMAND;
        }
        return null;
    };

    static final Function<SmtpInput, DecoderMode> NEVER = input -> null;

    final TrackingAllocator alloc = new TrackingAllocator();
    final EmbeddedChannel channel;
    final SmtpServerDecoder decoder;
    private final Resume resume;
    private final Function<SmtpInput, DecoderMode> policy;
    private final List<Object> raw = new ArrayList<>();
    private final List<SmtpInput.Content> released = new ArrayList<>();
    private SmtpInput last;

    DecoderDriver(DecoderLimits limits, Resume resume, Function<SmtpInput, DecoderMode> policy) {
        this.decoder = new SmtpServerDecoder(limits);
        this.resume = resume;
        this.policy = policy;
        this.channel = resume == Resume.INLINE ? new EmbeddedChannel(decoder, new InlineResumer()) : new EmbeddedChannel(decoder);
        channel.config().setAllocator(alloc);
    }

    DecoderDriver(DecoderLimits limits) {
        this(limits, Resume.AFTER_WRITE, SESSION_LIKE);
    }

    /** One read of {@code bytes[from, from+length)}. */
    DecoderDriver write(byte[] bytes, int from, int length) {
        channel.writeInbound(alloc.copyOf(bytes, from, length));
        drain();
        if (resume == Resume.AFTER_WRITE) {
            for (int i = 0; i < 10_000 && decoder.mode() == DecoderMode.WAIT && last != null; i++) {
                DecoderMode next = policy.apply(last);
                if (next == null) {
                    break;
                }
                SmtpInput before = last;
                decoder.resume(next);
                drain();
                if (last == before) {
                    break; // resumed with nothing (complete) buffered
                }
            }
        }
        return this;
    }

    DecoderDriver write(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return write(b, 0, b.length);
    }

    /** Writes {@code input} as reads that end at each of {@code cuts} (ascending) and at its end. */
    DecoderDriver writeCut(byte[] input, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            write(input, from, cut - from);
            from = cut;
        }
        return write(input, from, input.length - from);
    }

    private void drain() {
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            record(msg);
        }
    }

    private void record(Object msg) {
        assertThat(msg).isInstanceOf(SmtpInput.class);
        last = (SmtpInput) msg;
        if (msg instanceof SmtpInput.Content c) {
            assertThat(c.data().readableBytes()).as("empty Content emitted").isPositive();
            byte[] copy = new byte[c.data().readableBytes()];
            c.data().getBytes(c.data().readerIndex(), copy);
            raw.add(copy);
            c.release();
            released.add(c);
        } else {
            raw.add(msg);
        }
    }

    /**
     * What was emitted, as comparable strings; runs of Content are joined, since how content is
     * sliced depends on how the bytes arrived.
     */
    List<String> events() {
        List<String> out = new ArrayList<>();
        StringBuilder content = null;
        for (Object o : raw) {
            if (o instanceof byte[] b) {
                content = content == null ? new StringBuilder() : content;
                content.append(new String(b, StandardCharsets.ISO_8859_1));
                continue;
            }
            if (content != null) {
                out.add(content(content.toString()));
                content = null;
            }
            out.add(describe((SmtpInput) o));
        }
        if (content != null) {
            out.add(content(content.toString()));
        }
        return out;
    }

    static String describe(SmtpInput input) {
        if (input instanceof SmtpInput.CommandLine c) {
            return cmd(new String(c.bytes(), StandardCharsets.ISO_8859_1));
        }
        if (input instanceof SmtpInput.AuthLine a) {
            return auth(new String(a.bytes(), StandardCharsets.ISO_8859_1));
        }
        return input.toString();
    }

    static String cmd(String line) {
        return "CommandLine: " + line;
    }

    static String auth(String line) {
        return "AuthLine: " + line;
    }

    static String content(String bytes) {
        return "Content: " + bytes;
    }

    /** Closes the channel and asserts that every buffer involved was released. */
    @Override
    public void close() {
        channel.finishAndReleaseAll();
        for (SmtpInput.Content c : released) {
            assertThat(c.refCnt()).as("emitted Content still referenced").isZero();
        }
        assertThat(alloc.unreleased()).as("buffers never released").isEmpty();
    }

    /** Plays the session's part inside the read that emitted the input. */
    private final class InlineResumer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(msg);
            if (decoder.mode() == DecoderMode.WAIT) {
                DecoderMode next = policy.apply((SmtpInput) msg);
                if (next != null) {
                    decoder.resume(next);
                }
            }
        }
    }
}
