package org.hearthmail.smtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Frames the bytes of an SMTP server session into {@link SmtpInput}s. Not sharable: one per channel.
 *
 * <p>The session must call {@link #resume(DecoderMode)} after each input that leaves the decoder in
 * {@link DecoderMode#WAIT} (DATA, AUTH and STARTTLS command lines), on the channel's event loop.
 */
public final class SmtpServerDecoder extends ChannelInboundHandlerAdapter {

    private final DecoderLimits limits;
    private final DataFramer data;
    private final BdatScanner bdat = new BdatScanner();
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private DecoderMode mode = DecoderMode.COMMAND;
    private boolean discardingLongLine;
    private int discardingLimit;
    private long bdatRemaining;
    private boolean bdatLast;
    private boolean decoding;

    public SmtpServerDecoder(DecoderLimits limits) {
        this.limits = limits;
        this.data = new DataFramer(limits);
    }

    public DecoderMode mode() {
        return mode;
    }

    /** Chooses how the following bytes are read and decodes what is already buffered. */
    public void resume(DecoderMode next) {
        if (next == DecoderMode.BDAT) {
            throw new IllegalArgumentException("BDAT mode is entered by the decoder itself");
        }
        if (next == DecoderMode.DATA) {
            data.start();
        }
        mode = next;
        if (ctx != null && !decoding) {
            decode();
        }
    }

    /**
     * Drops everything received but not yet decoded. Called when STARTTLS is accepted: bytes a
     * client pipelined after STARTTLS are plaintext injection and never commands (RFC 3207 §6,
     * CVE-2011-0411).
     */
    public void discardBuffered() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    public boolean hasBuffered() {
        return cumulation != null && cumulation.isReadable();
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
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
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
            while (cumulation != null && cumulation.isReadable() && ctx.channel().isOpen() && !ctx.isRemoved()) {
                boolean progressed = switch (mode) {
                    case WAIT -> false;
                    case COMMAND, AUTH -> decodeLine();
                    case DATA -> decodeData();
                    case BDAT -> decodeBdat();
                };
                if (!progressed) {
                    break;
                }
            }
        } finally {
            decoding = false;
            if (cumulation != null && !cumulation.isReadable()) {
                cumulation.release();
                cumulation = null;
            }
        }
    }

    private boolean decodeLine() {
        ByteBuf in = cumulation;
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (discardingLongLine) {
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
                return false;
            }
            in.readerIndex(lf + 1);
            discardingLongLine = false;
            ctx.fireChannelRead(new SmtpInput.LineTooLong(discardingLimit));
            return true;
        }
        int limit = lineLimit(in, start);
        if (lf < 0) {
            if (in.readableBytes() > limit) {
                // RFC 5321 §4.5.3.1.4: discard as it arrives; memory stays bounded.
                discardingLongLine = true;
                discardingLimit = limit;
                in.skipBytes(in.readableBytes());
            }
            return false;
        }
        int lengthWithLf = lf - start + 1;
        in.readerIndex(lf + 1);
        if (lengthWithLf > limit) {
            ctx.fireChannelRead(new SmtpInput.LineTooLong(limit));
            return true;
        }
        // RFC 5321 §2.3.8: lines end in CRLF; a bare LF or CR is not a line ending.
        if (lengthWithLf < 2 || in.getByte(lf - 1) != '\r') {
            ctx.fireChannelRead(new SmtpInput.MalformedLine("line must end with CRLF"));
            return true;
        }
        byte[] bytes = new byte[lengthWithLf - 2];
        in.getBytes(start, bytes);
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                ctx.fireChannelRead(new SmtpInput.MalformedLine("bare CR in command line"));
                return true;
            }
            if (b == 0) {
                ctx.fireChannelRead(new SmtpInput.MalformedLine("NUL in command line"));
                return true;
            }
        }
        if (mode == DecoderMode.AUTH) {
            mode = DecoderMode.WAIT;
            ctx.fireChannelRead(new SmtpInput.AuthLine(bytes));
            return true;
        }
        return dispatchCommand(bytes);
    }

    private boolean dispatchCommand(byte[] bytes) {
        String verb = verbOf(bytes);
        switch (verb) {
            case "DATA", "STARTTLS", "AUTH" -> {
                mode = DecoderMode.WAIT;
                ctx.fireChannelRead(new SmtpInput.CommandLine(bytes));
            }
            case "BDAT" -> {
                SmtpInput.Bdat bdatCommand = parseBdat(bytes);
                if (bdatCommand == null) {
                    // Syntax error: the chunk size is unknown, so the session cannot continue.
                    ctx.fireChannelRead(new SmtpInput.CommandLine(bytes));
                } else {
                    bdatRemaining = bdatCommand.size();
                    bdatLast = bdatCommand.last();
                    bdat.reset();
                    mode = DecoderMode.BDAT;
                    ctx.fireChannelRead(bdatCommand);
                    if (bdatRemaining == 0) {
                        finishBdat();
                    }
                }
            }
            default -> ctx.fireChannelRead(new SmtpInput.CommandLine(bytes));
        }
        return true;
    }

    private boolean decodeData() {
        DataFramer.Result r = data.frame(cumulation, ctx);
        if (r == DataFramer.Result.END) {
            mode = DecoderMode.WAIT;
            ctx.fireChannelRead(new SmtpInput.DataEnd(data.faults()));
        }
        return r == DataFramer.Result.END;
    }

    private boolean decodeBdat() {
        ByteBuf in = cumulation;
        int n = (int) Math.min(bdatRemaining, in.readableBytes());
        ByteBuf chunk = in.readRetainedSlice(n);
        bdat.scan(chunk);
        bdatRemaining -= n;
        ctx.fireChannelRead(new SmtpInput.Content(chunk));
        if (bdatRemaining == 0) {
            finishBdat();
        }
        return true;
    }

    private void finishBdat() {
        mode = DecoderMode.COMMAND;
        ctx.fireChannelRead(bdat.end(bdatLast));
    }

    private int lineLimit(ByteBuf in, int start) {
        if (mode == DecoderMode.AUTH) {
            return limits.authLine();
        }
        if (in.readableBytes() >= 4) {
            int w = in.getInt(start) | 0x20202020;
            if (w == 0x6d61696c /* mail */ || w == 0x72637074 /* rcpt */) {
                return limits.mailRcptLine();
            }
        }
        return limits.commandLine();
    }

    static String verbOf(byte[] line) {
        int end = 0;
        while (end < line.length && line[end] != ' ' && end < 16) {
            end++;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
    }

    /** RFC 3030 §4: {@code bdat-cmd ::= "BDAT" SP chunk-size [ SP end-marker ] CR LF}. */
    static SmtpInput.Bdat parseBdat(byte[] line) {
        String s = new String(line, StandardCharsets.US_ASCII);
        String[] parts = s.split(" ", -1);
        if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty() || parts[1].length() > 18) {
            return null;
        }
        for (int i = 0; i < parts[1].length(); i++) {
            char c = parts[1].charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        boolean last = false;
        if (parts.length == 3) {
            if (!parts[2].equalsIgnoreCase("LAST")) {
                return null;
            }
            last = true;
        }
        return new SmtpInput.Bdat(Long.parseLong(parts[1]), last);
    }
}
