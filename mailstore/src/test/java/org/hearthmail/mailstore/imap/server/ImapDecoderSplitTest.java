package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ParseEvent;
import org.hearthmail.mailstore.imap.proto.ParserLimits;
import org.hearthmail.mailstore.imap.proto.RequestParser;
import org.junit.jupiter.api.Test;

/** The decoder fed a script split at every byte position gives the same events, and leaks no buffer. */
class ImapDecoderSplitTest {
    private static final String SCRIPT = "a1 LOGIN {5}\r\nalice \"se\\\"cret\"\r\n"
            + "a2 APPEND INBOX (\\Seen) {13+}\r\nHi\r\n\r\nbody.\r\n\r\n"
            + "a3 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)]<0.512>)\r\n"
            + "a4 AUTHENTICATE PLAIN\r\nAGFsaWNlAHB3\r\n"
            + "a5 NOOP (unbalanced\r\n"
            + "a6 APPEND INBOX {4294967296}\r\n"
            + "a7 LOGOUT\r\n";

    /** Records events and resumes the decoder the way the session does (LINE after AUTHENTICATE). */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new ArrayList<>();
        private final ImapDecoder decoder;

        Recorder(ImapDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ParseEvent e = (ParseEvent) msg;
            events.add(describe(e));
            if (e instanceof ParseEvent.ContinuationNeeded) {
                return;
            }
            boolean line = e instanceof ParseEvent.Request r && r.name().equals("AUTHENTICATE");
            ctx.executor().execute(() -> decoder.resume(line ? RequestParser.Mode.LINE : RequestParser.Mode.COMMAND));
        }
    }

    private static String describe(ParseEvent e) {
        if (e instanceof ParseEvent.Request r) {
            StringBuilder sb = new StringBuilder(r.tag() + " " + r.name());
            for (Arg a : r.args()) {
                sb.append(' ').append(a instanceof Arg.Str s ? "<" + s.text() + ">" : a.toString());
            }
            return sb.toString();
        }
        if (e instanceof ParseEvent.Line l) {
            return "line " + new String(l.bytes(), StandardCharsets.US_ASCII);
        }
        return e.toString();
    }

    private static List<String> run(List<byte[]> chunks) {
        ImapDecoder decoder = new ImapDecoder(new ParserLimits(4096, 1024, 1024, 8, 100, 64));
        Recorder rec = new Recorder(decoder);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, rec);
        decoder.resume(RequestParser.Mode.COMMAND);
        List<ByteBuf> sent = new ArrayList<>();
        for (byte[] c : chunks) {
            ByteBuf b = ch.alloc().buffer(c.length).writeBytes(c);
            sent.add(b);
            ch.writeInbound(b);
            ch.runPendingTasks();
        }
        ch.runPendingTasks();
        assertThat(ch.inboundMessages()).isEmpty();
        ch.finishAndReleaseAll();
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        return rec.events;
    }

    @Test
    void everySplitPositionGivesTheSameEventsAsOneChunk() {
        byte[] all = SCRIPT.getBytes(StandardCharsets.UTF_8);
        List<String> expected = run(List.of(all));
        assertThat(expected).containsExactly(
                "ContinuationNeeded[tag=a1, size=5]",
                "a1 LOGIN <alice> <se\"cret>",
                "a2 APPEND INBOX [\\Seen] <Hi\r\n\r\nbody.\r\n>",
                "a3 UID FETCH 1:* [FLAGS, BODY.PEEK[HEADER.FIELDS (From Subject)]<0.512>]",
                "a4 AUTHENTICATE PLAIN",
                "line AGFsaWNlAHB3",
                "Rejected[tag=a5, reason=SYNTAX, message=unbalanced '(', close=false]",
                "Rejected[tag=a6, reason=TOO_BIG, message=literal of 4294967296 octets is over the limit of 1024, close=false]",
                "a7 LOGOUT");
        for (int i = 0; i <= all.length; i++) {
            assertThat(run(List.of(java.util.Arrays.copyOf(all, i), java.util.Arrays.copyOfRange(all, i, all.length))))
                    .as("split at %d", i).isEqualTo(expected);
        }
    }

    @Test
    void byteByByteGivesTheSameEvents() {
        byte[] all = SCRIPT.getBytes(StandardCharsets.UTF_8);
        List<byte[]> single = new ArrayList<>();
        for (byte b : all) {
            single.add(new byte[] {b});
        }
        assertThat(run(single)).isEqualTo(run(List.of(all)));
    }

    @Test
    void readingStopsWhileACommandIsPending() {
        ImapDecoder decoder = new ImapDecoder(ParserLimits.DEFAULTS);
        List<ParseEvent> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add((ParseEvent) msg);
            }
        });
        decoder.resume(RequestParser.Mode.COMMAND);
        ch.writeInbound(ch.alloc().buffer().writeBytes("a NOOP\r\nb NOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(seen).hasSize(1);
        assertThat(ch.config().isAutoRead()).isFalse();
        decoder.resume(RequestParser.Mode.COMMAND);
        assertThat(seen).hasSize(2);
        ch.finishAndReleaseAll();
    }
}
