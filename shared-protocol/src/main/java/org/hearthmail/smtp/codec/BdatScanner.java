package org.hearthmail.smtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Looks for bare CR or LF in BDAT content. BDAT needs no dot-stuffing (RFC 3030 §2), but a message
 * with bare line endings must not be accepted either: forwarded later with DATA it could end early
 * at a next hop that treats LF as a line end (SMTP smuggling).
 */
final class BdatScanner {

    private boolean prevCr;
    private boolean bare;
    private boolean startsWithLf;
    private long size;

    /** Starts one chunk. */
    void reset() {
        prevCr = false;
        bare = false;
        startsWithLf = false;
        size = 0;
    }

    /** Scans the next part of the chunk. A bare ending at the chunk's edges is left to the caller. */
    void scan(ByteBuf part) {
        for (int i = part.readerIndex(), end = part.writerIndex(); i < end; i++) {
            byte b = part.getByte(i);
            if (size == 0 && b == '\n') {
                startsWithLf = true;
            } else if (prevCr != (b == '\n')) {
                bare = true;
            }
            prevCr = b == '\r';
            size++;
        }
    }

    SmtpInput.BdatEnd end(boolean last) {
        return new SmtpInput.BdatEnd(last, size, bare, startsWithLf, prevCr);
    }
}
