package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Turns message content into DATA wire form, chunk by chunk, keeping state across chunks.
 * RFC 5321 §4.5.2: "Before sending a line of mail text, the SMTP client checks the first
 * character of the line. If it is a period, one additional period is inserted at the beginning
 * of the line." RFC 5321 §2.3.8: CR and LF must only occur together as CRLF, so a bare LF or
 * bare CR becomes CRLF (otherwise the receiver may reject the message or, worse, parse it
 * differently from the next hop: SMTP smuggling). {@link #finish} appends the terminator so the
 * content always ends {@code CRLF . CRLF} (§4.1.1.4).
 */
final class DotStuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private boolean atLineStart = true;
    private boolean pendingCr;
    private boolean finished;

    /** Transforms {@code in} (released here) into a new buffer. */
    ByteBuf encode(ByteBuf in, ByteBufAllocator alloc) {
        if (finished) {
            in.release();
            throw new IllegalStateException("already finished");
        }
        try {
            int n = in.readableBytes();
            ByteBuf out = alloc.buffer(n + (n >> 6) + 8);
            for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                byte b = in.getByte(i);
                if (pendingCr) {
                    pendingCr = false;
                    out.writeByte(CR).writeByte(LF);
                    atLineStart = true;
                    if (b == LF) {
                        continue;
                    }
                }
                if (b == CR) {
                    pendingCr = true;
                } else if (b == LF) {
                    out.writeByte(CR).writeByte(LF);
                    atLineStart = true;
                } else {
                    if (atLineStart && b == DOT) {
                        out.writeByte(DOT);
                    }
                    out.writeByte(b);
                    atLineStart = false;
                }
            }
            return out;
        } finally {
            in.release();
        }
    }

    /** The end of the content: a CRLF if the last line was unterminated, then ".CRLF". */
    ByteBuf finish(ByteBufAllocator alloc) {
        finished = true;
        ByteBuf out = alloc.buffer(5);
        if (pendingCr || !atLineStart) {
            out.writeByte(CR).writeByte(LF);
        }
        pendingCr = false;
        atLineStart = true;
        return out.writeByte(DOT).writeByte(CR).writeByte(LF);
    }
}
