package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.hearthmail.mailstore.imap.proto.ParseEvent;
import org.hearthmail.mailstore.imap.proto.ParserLimits;
import org.hearthmail.mailstore.imap.proto.RequestParser;

/**
 * Netty glue for {@link RequestParser}: accumulates bytes and fires {@link ParseEvent}s. After each
 * request, rejection or line it waits until the session calls {@link #resume}; input arriving
 * meanwhile is kept, with reading off until then (back-pressure: at most one read's worth is
 * held). The session decides how the next bytes are read (a command, or a raw line for
 * AUTHENTICATE and IDLE) and nothing is parsed ahead of that decision. Continuation requests for
 * literals pass without waiting. Not sharable; starts waiting until the greeting was sent.
 */
public final class ImapDecoder extends ChannelInboundHandlerAdapter {
    private final RequestParser parser;
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private boolean waiting = true;
    private boolean decoding;

    public ImapDecoder(ParserLimits limits) {
        this.parser = new RequestParser(limits);
    }

    /** Decodes on, reading the next input as {@code mode}. Event loop only. */
    public void resume(RequestParser.Mode mode) {
        parser.mode(mode);
        waiting = false;
        if (ctx != null && !decoding) {
            decode();
        }
        if (ctx != null && !waiting) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** After login: APPEND may send message-sized literals. Event loop only. */
    public void allowAppendLiterals() {
        parser.allowAppendLiterals(true);
    }

    /**
     * Drops what was received and not yet decoded. On STARTTLS: bytes pipelined after the command
     * were sent in clear and must not be taken as commands (the STARTTLS command injection of
     * CVE-2011-0411; RFC 3501 §6.2.1 has the client wait for the tagged OK before TLS).
     */
    public void discardBuffered() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardBuffered();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        cumulation = cumulation == null ? in
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        decode();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardBuffered();
        ctx.fireChannelInactive();
    }

    private void decode() {
        decoding = true;
        try {
            while (!waiting && cumulation != null && cumulation.isReadable() && ctx.channel().isOpen()) {
                ParseEvent e = parser.next(cumulation);
                if (e == null) {
                    break;
                }
                if (!(e instanceof ParseEvent.ContinuationNeeded)) {
                    waiting = true;
                }
                ctx.fireChannelRead(e);
            }
        } finally {
            decoding = false;
            if (cumulation != null) {
                if (!cumulation.isReadable()) {
                    cumulation.release();
                    cumulation = null;
                } else {
                    cumulation.discardSomeReadBytes();
                }
            }
            if (waiting && cumulation != null && ctx.channel().isOpen()) {
                // Back-pressure: once input is held back behind a running command, nothing more is
                // read until it finished. Reading stays on while nothing is held (a client waiting for
                // its answer): switching it off and on costs two epoll_ctl calls per command.
                ctx.channel().config().setAutoRead(false);
            }
        }
    }
}
