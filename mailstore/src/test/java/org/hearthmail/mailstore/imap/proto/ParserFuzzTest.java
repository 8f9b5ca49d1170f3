package org.hearthmail.mailstore.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Fuzzing the request parser: arbitrary bytes never break it, and rendered arguments parse back to themselves. */
class ParserFuzzTest {
    private static final ParserLimits LIMITS = new ParserLimits(2048, 256, 4096, 8, 200, 512);

    @Property(tries = 500)
    void arbitraryBytesNeverThrowAndAlwaysConsumeInput(@ForAll @Size(max = 600) byte[] input,
                                                       @ForAll boolean lineMode) {
        RequestParser p = new RequestParser(LIMITS);
        if (lineMode) {
            p.mode(RequestParser.Mode.LINE);
        }
        ByteBuf in = Unpooled.wrappedBuffer(input);
        int events = 0;
        while (in.isReadable() && events <= input.length + 1) {
            ParseEvent e = p.next(in);
            if (e == null) {
                break;
            }
            events++;
            if (e instanceof ParseEvent.Request r) {
                assertThat(r.tag()).isNotEmpty();
                assertThat(r.name()).isNotEmpty();
            }
        }
        assertThat(in.isReadable()).isFalse();
        assertThat(events).isLessThanOrEqualTo(input.length);
    }

    @Property(tries = 300)
    void renderedArgumentsParseBackUnchanged(@ForAll("args") List<String> values) {
        ResponseBuilder b = new ResponseBuilder().raw("t1 X");
        for (String v : values) {
            b.sp().string(v);
        }
        b.crlf();
        RequestParser p = new RequestParser(LIMITS);
        ByteBuf in = Unpooled.wrappedBuffer(b.toBytes());
        ParseEvent e;
        do {
            e = p.next(in);
        } while (e instanceof ParseEvent.ContinuationNeeded);
        assertThat(e).isInstanceOf(ParseEvent.Request.class);
        List<String> back = new ArrayList<>();
        for (Arg a : ((ParseEvent.Request) e).args()) {
            back.add(((Arg.Str) a).text());
        }
        assertThat(back).isEqualTo(values);
    }

    @Provide
    Arbitrary<List<String>> args() {
        Arbitrary<String> s = Arbitraries.strings().withCharRange(' ', '~').withChars('\r', '\n', 'é', '€', '"', '\\')
                .ofMaxLength(40);
        return s.list().ofMaxSize(6);
    }

    @Property(tries = 200)
    void splittingInputAnywhereGivesTheSameEvents(@ForAll("commands") String script, @ForAll byte cut) {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        int at = Math.floorMod(cut, bytes.length + 1);
        List<String> whole = run(new byte[][] {bytes});
        List<String> split = run(new byte[][] {java.util.Arrays.copyOf(bytes, at),
                java.util.Arrays.copyOfRange(bytes, at, bytes.length)});
        assertThat(split).isEqualTo(whole);
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.of("a LOGIN {5}\r\nalice \"pw\"\r\n", "b FETCH 1:* (FLAGS BODY[HEADER.FIELDS (A B)])\r\n",
                "c APPEND INBOX (\\Seen) {10+}\r\n0123456789\r\n", "d BAD)\r\n", "e APPEND X {99999}\r\n",
                "f X \"q\\\\\"\r\n").list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
    }

    private static List<String> run(byte[][] chunks) {
        RequestParser p = new RequestParser(LIMITS);
        List<String> out = new ArrayList<>();
        for (byte[] c : chunks) {
            ByteBuf in = Unpooled.wrappedBuffer(c);
            ParseEvent e;
            while ((e = p.next(in)) != null) {
                out.add(e.toString().replaceAll("\\[B@[0-9a-f]+", "bytes"));
            }
        }
        return out;
    }
}
