package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the server's byte stream into lines and emits one {@link org.hearthmail.smtp.Reply} per
 * complete (possibly multi-line) reply. A malformed reply raises {@link SmtpProtocolException}
 * (wrapped by Netty in a {@code DecoderException}); afterwards the decoder discards all input, so
 * the session can only be closed.
 *
 * <p>Lines end with CRLF (RFC 5321 §2.3.8); a bare LF is accepted as a line end too, because
 * being liberal in what we read from a server cannot smuggle anything to a third party.
 */
public final class ReplyDecoder extends ByteToMessageDecoder {

    /**
     * RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets including code and CRLF. Real
     * servers exceed it (long EHLO keyword lists), and §4.5.3.1 asks to be liberal, so the default
     * allows more while still bounding memory.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    private final int maxLineLength;
    private final ReplyParser parser;
    private boolean failed;

    public ReplyDecoder() {
        this(DEFAULT_MAX_LINE_LENGTH, ReplyParser.DEFAULT_MAX_LINES);
    }

    public ReplyDecoder(int maxLineLength, int maxLines) {
        if (maxLineLength < 5) {
            throw new IllegalArgumentException("maxLineLength must be at least 5, was " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.parser = new ReplyParser(maxLines);
    }

    /** Bytes received but not yet part of a complete reply (used to detect STARTTLS injection). */
    public int pendingBytes() {
        return actualReadableBytes() + (parser.inProgress() ? 1 : 0);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            int start = in.readerIndex();
            int lf = in.forEachByte(start, Math.min(in.readableBytes(), maxLineLength + 2), ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (in.readableBytes() > maxLineLength + 1) {
                    fail(in);
                    throw new SmtpProtocolException("reply line longer than " + maxLineLength + " octets");
                }
                return; // wait for more bytes
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (end - start > maxLineLength) {
                fail(in);
                throw new SmtpProtocolException("reply line longer than " + maxLineLength + " octets");
            }
            String line = in.toString(start, end - start, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            try {
                var reply = parser.feed(line);
                if (reply.isPresent()) {
                    // One reply per call: Netty hands it on before decoding further bytes, so the
                    // handler can still see what follows it (STARTTLS injection check).
                    out.add(reply.get());
                    return;
                }
            } catch (SmtpProtocolException e) {
                fail(in);
                throw e;
            }
        }
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
