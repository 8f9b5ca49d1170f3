package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.handler.stream.ChunkedInput;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.hearthmail.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DATA: sends the command, and on 354 streams the dot-stuffed content and awaits the final reply
 * (RFC 5321 §4.1.1.4). The result is the final reply, or the reply to DATA itself when that was
 * not 354. Timers per RFC 5321 §4.5.3.2.4-6: DATA initiation, then each data block must make
 * progress, then DATA termination.
 *
 * <p>RFC 2920 §3.1: when DATA was pipelined behind RCPTs that all failed and the server still
 * answers 354, "the client SMTP should send a single dot"; {@code sendContent} decides that.
 *
 * <p>If the content source fails mid-way, the session is closed: sending the terminator would
 * make the server accept a truncated message.
 */
final class DataExchange extends Exchange<Reply> {

    private static final Logger LOG = LoggerFactory.getLogger(DataExchange.class);

    private enum State { COMMAND, CONTENT, FINAL }

    private final ChunkedInput<ByteBuf> content;
    private final BooleanSupplier sendContent;
    private State state = State.COMMAND;
    private DotStuffingInput stuffed;

    DataExchange(ChunkedInput<ByteBuf> content, BooleanSupplier sendContent, Duration dataInit) {
        super("DATA", dataInit);
        this.content = content;
        this.sendContent = sendContent;
    }

    @Override
    void start(ExchangeContext cx) {
        cx.writeLine("DATA", "DATA");
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        switch (state) {
            case COMMAND -> {
                if (reply.code() != 354) {
                    closeContent();
                    result.complete(reply);
                    return true;
                }
                sendContent(cx);
                return false;
            }
            case CONTENT -> {
                result.complete(reply);
                if (!stuffed.isEndOfInput()) {
                    // A reply before the terminator: the server gave up on the data. What we
                    // still write would be read as commands, so the session must end.
                    cx.abort(new SmtpProtocolException("server replied before the end of message data: " + reply));
                }
                return true;
            }
            default -> {
                result.complete(reply);
                return true;
            }
        }
    }

    private void sendContent(ExchangeContext cx) {
        state = State.CONTENT;
        ChunkedInput<ByteBuf> source = content;
        if (!sendContent.getAsBoolean()) {
            closeContent();
            source = EmptyInput.INSTANCE;
        }
        stuffed = new DotStuffingInput(source);
        Duration block = cx.config().timeouts().dataBlock();
        Duration termination = cx.config().timeouts().dataTermination();
        ChannelProgressivePromise promise = cx.ctx().newProgressivePromise();
        promise.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
                if (state == State.CONTENT) {
                    // RFC 5321 §4.5.3.2.5: the limit applies to each block sent, not the whole body.
                    cx.arm("DATA block", block);
                }
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture f) {
                if (state != State.CONTENT || result.isDone()) {
                    return;
                }
                if (f.isSuccess()) {
                    state = State.FINAL;
                    cx.arm("DATA termination", termination);
                } else {
                    // abort first, so the session is already marked failed when the caller sees the failure
                    cx.abort(new SmtpConnectionException(
                            "session closed: sending the message content failed: " + f.cause(), f.cause()));
                }
            }
        });
        cx.arm("DATA block", block);
        cx.write(stuffed, promise);
        cx.flush();
    }

    private void closeContent() {
        try {
            content.close();
        } catch (Exception e) {
            LOG.warn("closing the message content failed: {}", e.toString());
        }
    }

    @Override
    void fail(Throwable cause) {
        if (state == State.COMMAND) {
            closeContent(); // once streaming, ChunkedWriteHandler closes the input itself
        }
        super.fail(cause);
    }

    /** No content: DATA answered with a lone "." (RFC 2920 §3.1). */
    private static final class EmptyInput implements ChunkedInput<ByteBuf> {
        static final EmptyInput INSTANCE = new EmptyInput();

        @Override
        public boolean isEndOfInput() {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        @Deprecated
        public ByteBuf readChunk(io.netty.channel.ChannelHandlerContext ctx) {
            return null;
        }

        @Override
        public ByteBuf readChunk(io.netty.buffer.ByteBufAllocator alloc) {
            return null;
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public long progress() {
            return 0;
        }
    }
}
