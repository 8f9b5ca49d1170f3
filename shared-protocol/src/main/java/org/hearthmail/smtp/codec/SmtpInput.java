package org.hearthmail.smtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/** What the decoder hands to the session, in order. */
public sealed interface SmtpInput {

    /** A complete command line without its CRLF, as raw bytes decoded later by the session. */
    record CommandLine(byte[] bytes) implements SmtpInput {
    }

    /** A command line longer than its limit; its bytes were discarded. RFC 5321 §4.5.3.1.4. */
    record LineTooLong(int limit) implements SmtpInput {
    }

    /** A command line that ended in a bare LF or contained a bare CR or NUL. RFC 5321 §2.3.8. */
    record MalformedLine(String reason) implements SmtpInput {
    }

    /**
     * A BDAT command (RFC 3030 §2) decoded by the framer itself, since the chunk that follows must
     * be read whatever the session replies. {@code size} octets of {@link Content} follow, then
     * {@link BdatEnd}.
     */
    record Bdat(long size, boolean last) implements SmtpInput {
    }

    /** Message content, already dot-unstuffed for DATA. The receiver owns and must release it. */
    record Content(ByteBuf data) implements SmtpInput, ReferenceCounted {
        @Override public int refCnt() { return data.refCnt(); }
        @Override public Content retain() { data.retain(); return this; }
        @Override public Content retain(int increment) { data.retain(increment); return this; }
        @Override public Content touch() { data.touch(); return this; }
        @Override public Content touch(Object hint) { data.touch(hint); return this; }
        @Override public boolean release() { return data.release(); }
        @Override public boolean release(int decrement) { return data.release(decrement); }
    }

    /**
     * The end of a BDAT chunk, with what the framer saw of its line endings: bare CR or LF inside,
     * and whether it starts with LF or ends with CR (a CRLF may be split between two chunks).
     */
    record BdatEnd(boolean last, long size, boolean bareInside, boolean startsWithLf, boolean endsWithCr) implements SmtpInput {
    }

    /** The end of DATA ({@code CRLF.CRLF} seen), with what was wrong with the content, if anything. */
    record DataEnd(DataFaults faults) implements SmtpInput {
    }

    /** An AUTH continuation line (RFC 4954 §4), read with the AUTH line limit. */
    record AuthLine(byte[] bytes) implements SmtpInput {
    }
}
