package org.hearthmail.smtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * The DATA state machine: finds {@code CRLF "." CRLF}, removes dot-stuffing and notes faults, across
 * reads split anywhere.
 *
 * <p>RFC 5321 §4.5.2: "If the first character is a period and there are other characters on the
 * line, the first character is deleted." RFC 5321 §4.1.1.4: the data ends with a line containing
 * only ".", and the CRLF before it belongs to the message. Only CRLF is a line ending here (§2.3.8),
 * so {@code LF "." LF}, {@code CR "." CR} and {@code LF "." CRLF} never end the data.
 */
final class DataFramer {

    enum Result { MORE, END }

    private enum State { LINE_START, DOT, DOT_CR, IN_LINE, CR }

    /** Stops at the octets the state machine must look at. */
    private static final io.netty.util.ByteProcessor SPECIAL = v -> v != '\r' && v != '\n' && v != 0;

    private final DecoderLimits limits;
    private State state;
    private long lineLength;
    private long size;
    private boolean bare;
    private boolean longLine;
    private boolean tooBig;
    private boolean nul;

    DataFramer(DecoderLimits limits) {
        this.limits = limits;
    }

    void start() {
        state = State.LINE_START;
        lineLength = 0;
        size = 0;
        bare = false;
        longLine = false;
        tooBig = false;
        nul = false;
    }

    DataFaults faults() {
        return new DataFaults(bare, longLine, tooBig, nul, size);
    }

    /** Consumes bytes from {@code in}, firing content slices; stops after the end marker. */
    Result frame(ByteBuf in, ChannelHandlerContext ctx) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        int runStart = i;
        int dataLineLimit = limits.dataLine() == 0 ? Integer.MAX_VALUE : limits.dataLine() - 2;
        while (i < end) {
            byte b = in.getByte(i);
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        emit(in, runStart, i, ctx);
                        runStart = i + 1;
                        state = State.DOT;
                        lineLength = 1;
                    } else {
                        state = State.IN_LINE;
                        continue; // examine b again as line content
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                        runStart = i + 1;
                    } else {
                        // A stuffed dot: it was dropped; b is content.
                        state = State.IN_LINE;
                        continue;
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        in.readerIndex(i + 1);
                        return Result.END;
                    }
                    // "." CR x: a bare CR after a stuffed dot.
                    bare = true;
                    state = State.IN_LINE;
                    runStart = i;
                    continue;
                }
                case IN_LINE -> {
                    // Fast path: skip ordinary octets up to the next CR, LF or NUL in one scan.
                    int stop = in.forEachByte(i, end - i, SPECIAL);
                    int plain = (stop < 0 ? end : stop) - i;
                    if (plain > 0) {
                        lineLength += plain;
                        if (lineLength > dataLineLimit) {
                            longLine = true;
                        }
                        i += plain;
                        continue;
                    }
                    if (b == '\r') {
                        state = State.CR;
                    } else {
                        if (b == '\n') {
                            bare = true;
                        } else if (b == 0) {
                            nul = true;
                        }
                        if (++lineLength > dataLineLimit) {
                            longLine = true;
                        }
                    }
                }
                case CR -> {
                    if (b == '\n') {
                        state = State.LINE_START;
                        lineLength = 0;
                    } else {
                        bare = true;
                        lineLength++;
                        state = State.IN_LINE;
                        continue;
                    }
                }
            }
            i++;
        }
        int emitEnd = state == State.DOT_CR ? Math.max(runStart, end - 1) : end;
        emit(in, runStart, emitEnd, ctx);
        in.readerIndex(end);
        return Result.MORE;
    }

    private void emit(ByteBuf in, int from, int to, ChannelHandlerContext ctx) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        size += n;
        if (size > limits.maxMessageSize()) {
            tooBig = true;
        }
        // Content of a message that will be refused is not passed on: the sink can stop early.
        if (bare || tooBig) {
            return;
        }
        ctx.fireChannelRead(new SmtpInput.Content(in.retainedSlice(from, n)));
    }
}
