package org.hearthmail.mailstore.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(new ParserLimits(1024, 100, 1000, 4, 50, 200));

    {
        parser.allowAppendLiterals(true);
    }

    private List<ParseEvent> feed(String text) {
        ByteBuf in = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        List<ParseEvent> out = new ArrayList<>();
        for (int guard = 0; guard < 1000; guard++) {
            ParseEvent e = parser.next(in);
            if (e == null) {
                break;
            }
            out.add(e);
        }
        assertThat(in.isReadable()).isFalse();
        in.release();
        return out;
    }

    private static ParseEvent.Request request(ParseEvent e) {
        assertThat(e).isInstanceOf(ParseEvent.Request.class);
        return (ParseEvent.Request) e;
    }

    @Test
    void framesTagCommandAndTypedArguments() {
        List<ParseEvent> events = feed("a1 login \"al\\\"ice\" secret (\\Seen x (y)) NIL\r\n");
        ParseEvent.Request r = request(events.get(0));
        assertThat(r.tag()).isEqualTo("a1");
        assertThat(r.name()).isEqualTo("LOGIN");
        assertThat(r.args()).hasSize(4);
        assertThat(((Arg.Str) r.args().get(0)).text()).isEqualTo("al\"ice");
        assertThat(r.args().get(1)).isEqualTo(new Arg.Atom("secret"));
        assertThat(r.args().get(2).toString()).isEqualTo("[\\Seen, x, [y]]");
        assertThat(r.args().get(3)).isEqualTo(new Arg.Atom("NIL"));
    }

    @Test
    void literal8InAppendCarriesNulEvenWhenSplitAtEveryByte() {
        byte[] input = "x APPEND INBOX ~{4}\r\na\0\0b\r\ny APPEND INBOX ~{2+}\r\n\0\0\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        List<ParseEvent> out = new ArrayList<>();
        for (byte b : input) {
            ByteBuf one = Unpooled.wrappedBuffer(new byte[] {b});
            ParseEvent e = parser.next(one);
            if (e != null) {
                out.add(e);
            }
            assertThat(one.isReadable()).isFalse();
        }
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(new ParseEvent.ContinuationNeeded("x", 4));
        Arg.Str first = (Arg.Str) request(out.get(1)).args().get(1);
        assertThat(first.bytes()).containsExactly('a', 0, 0, 'b');
        assertThat(first.binary()).isTrue();
        assertThat(first.toString()).isEqualTo("~{4}");
        Arg.Str second = (Arg.Str) request(out.get(2)).args().get(1);
        assertThat(second.bytes()).containsExactly(0, 0);
        assertThat(second.binary()).isTrue();
    }

    @Test
    void literal8OutsideAppendIsRejectedAndAnAtomMayStillStartWithTilde() {
        List<ParseEvent> out = feed("a LOGIN ~{2+}\r\nzz\r\nb STORE 1 +FLAGS (~x)\r\n");
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new ParseEvent.Rejected("a", ParseEvent.Rejected.Reason.SYNTAX,
                "literal8 (~{n}) is only allowed in APPEND", false));
        assertThat(request(out.get(1)).args().get(2)).hasToString("[~x]");
        ParseEvent.Request plain = request(feed("c APPEND INBOX {1+}\r\nq\r\n").get(0));
        assertThat(((Arg.Str) plain.args().get(1)).binary()).isFalse();
    }

    @Test
    void bracketedSectionWithSpacesAndPartialIsOneAtom() {
        ParseEvent.Request r = request(feed("t FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (From To)]<0.100>)\r\n").get(0));
        Arg.ListArg items = (Arg.ListArg) r.args().get(1);
        assertThat(items.items()).containsExactly(new Arg.Atom("UID"),
                new Arg.Atom("BODY.PEEK[HEADER.FIELDS (From To)]<0.100>"));
    }

    @Test
    void synchronizingLiteralAsksForContinuationThenCompletes() {
        List<ParseEvent> events = feed("a LOGIN {5}\r\n");
        assertThat(events).containsExactly(new ParseEvent.ContinuationNeeded("a", 5));
        events = feed("alice {3+}\r\npw!\r\n");
        ParseEvent.Request r = request(events.get(0));
        assertThat(((Arg.Str) r.args().get(0)).text()).isEqualTo("alice");
        assertThat(((Arg.Str) r.args().get(0)).literal()).isTrue();
        assertThat(((Arg.Str) r.args().get(1)).text()).isEqualTo("pw!");
    }

    @Test
    void hugeSynchronizingLiteralIsRefusedTooBigWithoutReadingAndNextCommandWorks() {
        List<ParseEvent> events = feed("a APPEND INBOX {2147483648}\r\nb NOOP\r\n");
        assertThat(events.get(0)).isEqualTo(new ParseEvent.Rejected("a", ParseEvent.Rejected.Reason.TOO_BIG,
                "literal of 2147483648 octets is over the limit of 1000", false));
        assertThat(request(events.get(1)).name()).isEqualTo("NOOP");
    }

    @Test
    void hugeNonSynchronizingLiteralClosesTheConnection() {
        List<ParseEvent> events = feed("a APPEND INBOX {2147483648+}\r\nxxxx");
        assertThat(events).hasSize(1);
        assertThat(((ParseEvent.Rejected) events.get(0)).close()).isTrue();
        assertThat(((ParseEvent.Rejected) events.get(0)).reason()).isEqualTo(ParseEvent.Rejected.Reason.TOO_BIG);
    }

    @Test
    void smallOverLimitNonSynchronizingLiteralIsSkippedAndNextCommandWorks() {
        String body = "x".repeat(150);
        List<ParseEvent> events = feed("a LOGIN {150+}\r\n" + body + " pw\r\nb NOOP\r\n");
        assertThat(events.get(0)).isInstanceOf(ParseEvent.Rejected.class);
        assertThat(((ParseEvent.Rejected) events.get(0)).close()).isFalse();
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void appendGetsTheLargerLiteralLimit() {
        String msg = "y".repeat(500);
        List<ParseEvent> events = feed("a APPEND INBOX {500+}\r\n" + msg + "\r\n");
        assertThat(((Arg.Str) request(events.get(0)).args().get(1)).bytes()).hasSize(500);
    }

    @Test
    void syntaxErrorsAreRejectedWithTheTagAndTheNextLineParses() {
        assertThat(feed("a NOOP )\r\n").get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.tag()).isEqualTo("a"));
        assertThat(feed("b LOGIN \"x\\y\"\r\n").get(0)).isInstanceOf(ParseEvent.Rejected.class);
        assertThat(feed("c LIST ((\r\n").get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.message()).contains("unbalanced"));
        assertThat(feed("\r\n").get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.tag()).isNull());
        assertThat(feed("d\r\n").get(0)).isInstanceOf(ParseEvent.Rejected.class);
        assertThat(feed("e* NOOP\r\n").get(0)).isInstanceOf(ParseEvent.Rejected.class);
        assertThat(request(feed("f NOOP\r\n").get(0)).tag()).isEqualTo("f");
    }

    @Test
    void rejectedLineEndingInNonSynchronizingLiteralSkipsThatLiteral() {
        List<ParseEvent> events = feed("a BAD) {4+}\r\nabcd more\r\nb NOOP\r\n");
        assertThat(events.get(0)).isInstanceOf(ParseEvent.Rejected.class);
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void overlongLineIsRejectedAndDiscarded() {
        List<ParseEvent> events = feed("a NOOP " + "z".repeat(2000) + "\r\nb NOOP\r\n");
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.message()).contains("too long"));
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void nestingAndArgumentCountAreBounded() {
        assertThat(feed("a X (((((1)))))\r\n").get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.message()).contains("nested"));
        assertThat(feed("a X " + "1 ".repeat(60) + "\r\n").get(0)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.message()).contains("too many"));
    }

    @Test
    void lineModeReturnsTheRawLine() {
        parser.mode(RequestParser.Mode.LINE);
        assertThat(feed("AHVzZXIAcGFzcw==\r\n")).singleElement().isInstanceOfSatisfying(ParseEvent.Line.class,
                l -> assertThat(new String(l.bytes(), StandardCharsets.US_ASCII)).isEqualTo("AHVzZXIAcGFzcw=="));
        parser.mode(RequestParser.Mode.COMMAND);
        assertThat(request(feed("a NOOP\r\n").get(0)).name()).isEqualTo("NOOP");
    }

    @Test
    void beforeLoginAppendLiteralsGetTheOrdinaryLimit() {
        RequestParser preAuth = new RequestParser(new ParserLimits(1024, 100, 1000, 4, 50, 200));
        io.netty.buffer.ByteBuf in = Unpooled.copiedBuffer("a APPEND INBOX {500}\r\n", StandardCharsets.US_ASCII);
        assertThat(preAuth.next(in)).isInstanceOfSatisfying(ParseEvent.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ParseEvent.Rejected.Reason.TOO_BIG));
        in.release();
    }

    @Test
    void bareLfEndsACommandToo() {
        assertThat(request(feed("a NOOP\n").get(0)).name()).isEqualTo("NOOP");
    }
}
