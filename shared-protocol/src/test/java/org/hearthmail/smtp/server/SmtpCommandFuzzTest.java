package org.hearthmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.hearthmail.smtp.codec.DecoderMode;
import org.slf4j.LoggerFactory;

/**
 * Random bytes and mutated SMTP transcripts (random read splits, inserted CR/LF/NUL/dots, long lines,
 * BDAT with random sizes) into the whole server pipeline: nothing escapes the pipeline, every reply
 * line is well formed, no buffer leaks, the decoder is never left waiting, and a session brought back
 * to command mode still answers RSET.
 */
class SmtpCommandFuzzTest {

    /** RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF. */
    private static final Pattern REPLY_LINE = Pattern.compile("[2-5][0-9][0-9]([ -][\\x20-\\x7e\\x80-\\xff\\t]*)?");

    private static final SmtpServerConfig CONFIG = SmtpHarness.config()
            .maxErrors(1_000_000) // the fuzzer sends mostly errors; the error limit has its own test
            .maxMessageSize(64 * 1024)
            .xclientTrusted(peer -> true)
            .build();

    private static ResourceLeakDetector.Level previousLeakLevel;
    private static Level previousLogLevel;
    private static boolean previousAdditive;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeContainer
    static void watchLeaksAndSessionLog() {
        previousLeakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger session = sessionLogger();
        previousLogLevel = session.getLevel();
        previousAdditive = session.isAdditive();
        // The session logs an exception it caught ("closed after error") at DEBUG and internal errors at ERROR.
        session.setLevel(Level.DEBUG);
        session.setAdditive(false);
        LOG.start();
        session.addAppender(LOG);
    }

    @AfterContainer
    static void restore() {
        ResourceLeakDetector.setLevel(previousLeakLevel);
        Logger session = sessionLogger();
        session.detachAppender(LOG);
        session.setLevel(previousLogLevel);
        session.setAdditive(previousAdditive);
    }

    private static Logger sessionLogger() {
        return (Logger) LoggerFactory.getLogger(SmtpSession.class);
    }

    @BeforeTry
    void clearLog() {
        synchronized (LOG) {
            LOG.list.clear();
        }
    }

    @AfterTry
    void noSessionTrouble() {
        List<String> bad = new ArrayList<>();
        synchronized (LOG) {
            for (ILoggingEvent e : LOG.list) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getFormattedMessage().contains("after error")) {
                    bad.add(e.getLevel() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()
                            + ": " + e.getThrowableProxy().getMessage()));
                }
            }
        }
        assertThat(bad).as("session log").isEmpty();
    }

    @Property(tries = 300)
    void anyInputLeavesTheSessionConsistent(@ForAll("inputs") byte[] input, @ForAll("cuts") List<Integer> cuts) {
        try (FuzzPipeline p = new FuzzPipeline(CONFIG, new RecordingHandler(false, m -> !m.localPart().startsWith("unknown")).factory())) {
            StringBuilder replies = new StringBuilder(p.takeReplies());
            int from = 0;
            for (int cut : cuts.stream().map(c -> c * input.length / 1000).sorted().toList()) {
                p.feed(input, from, cut);
                from = Math.max(from, cut);
            }
            p.feed(input, from, input.length);
            replies.append(p.takeReplies());

            DecoderMode mode = p.mode();
            // The session resumes the decoder after every command that stopped it.
            assertThat(mode).as("decoder left waiting").isNotEqualTo(DecoderMode.WAIT);
            String outcome = bringBackToCommands(p, mode);
            Statistics.collect(outcome);
            replies.append(p.takeReplies());
            if (outcome.startsWith("answers")) {
                p.feed("\r\nRSET\r\n");
                String last = p.takeReplies();
                replies.append(last);
                String[] lines = last.split("\r\n");
                assertThat(lines[lines.length - 1]).as("reply to RSET after %s", outcome).startsWith("250 ");
            }
            p.close();
            assertWellFormed(replies.toString());
            assertThat(p.problems).isEmpty();
            p.channel.checkException();
            assertThat(p.alloc.unreleased()).as("unreleased buffers").isEmpty();
        }
    }

    /** Ends whatever the input left open, properly; says whether RSET can now be asked. */
    private static String bringBackToCommands(FuzzPipeline p, DecoderMode mode) {
        if (mode == null) {
            return "closed by the server";
        }
        switch (mode) {
            case DATA -> p.feed("\r\n.\r\n"); // RFC 5321 §4.1.1.4: always ends DATA, whatever came before
            case AUTH -> p.feed("*\r\n"); // RFC 4954 §4: cancels the exchange
            case BDAT -> {
                byte[] filler = new byte[4096];
                for (int i = 0; i < 64 && p.mode() == DecoderMode.BDAT; i++) {
                    p.feed(filler, 0, filler.length);
                }
                if (p.mode() == DecoderMode.BDAT) {
                    return "inside a BDAT chunk over 256 KiB";
                }
            }
            default -> { }
        }
        DecoderMode now = p.mode();
        return now == DecoderMode.COMMAND ? "answers after " + mode : "left in " + now + " after " + mode;
    }

    private static void assertWellFormed(String replies) {
        if (replies.isEmpty()) {
            return;
        }
        assertThat(replies).as("replies end with CRLF").endsWith("\r\n");
        String[] lines = replies.substring(0, replies.length() - 2).split("\r\n", -1);
        String continuing = null;
        for (String line : lines) {
            assertThat(line).as("reply line").matches(REPLY_LINE);
            String code = line.substring(0, 3);
            // RFC 5321 §4.2.1: every line of a multiline reply carries the same code.
            if (continuing != null) {
                assertThat(code).as("multiline reply code").isEqualTo(continuing);
            }
            continuing = line.length() > 3 && line.charAt(3) == '-' ? code : null;
        }
        assertThat(continuing).as("multiline reply left unfinished").isNull();
    }

    // ---- inputs ---------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> lineNoise = Arbitraries.strings().withChars("EHLOMAIRCPTDABQUISN:<>@. \r\n\0=-1234567890xyz")
                .ofMaxLength(300).map(SmtpCommandFuzzTest::ascii);
        Arbitrary<byte[]> mutated = Combinators.combine(transcripts(), mutations().list().ofMaxSize(5))
                .as((t, ms) -> {
                    byte[] b = t;
                    for (Mutation m : ms) {
                        b = m.apply(b);
                    }
                    return b;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, noise),
                net.jqwik.api.Tuple.of(2, lineNoise),
                net.jqwik.api.Tuple.of(2, transcripts()),
                net.jqwik.api.Tuple.of(5, mutated));
    }

    private static Arbitrary<byte[]> transcripts() {
        Arbitrary<byte[]> fixed = Arbitraries.of(
                "EHLO client.example\r\n", "HELO client.example\r\n", "MAIL FROM:<a@example.org>\r\n",
                "MAIL FROM:<a@example.org> SIZE=1000 BODY=8BITMIME\r\n", "MAIL FROM:<>\r\n",
                "RCPT TO:<b@example.test>\r\n", "RCPT TO:<unknown@example.test>\r\n", "RCPT TO:<c@example.test> NOTIFY=NEVER\r\n",
                "RSET\r\n", "NOOP\r\n", "VRFY b\r\n", "HELP\r\n", "STARTTLS\r\n", "AUTH PLAIN\r\n", "DATA x\r\n",
                "XCLIENT ADDR=192.0.2.7 NAME=client.example\r\n", "XCLIENT HELO=[\r\n", "QUIT\r\n").map(SmtpCommandFuzzTest::ascii);
        Arbitrary<byte[]> data = bodies().map(body -> concat(ascii("DATA\r\n"), body, ascii("\r\n.\r\n")));
        Arbitrary<byte[]> openData = bodies().map(body -> concat(ascii("DATA\r\n"), body)); // left open
        Arbitrary<byte[]> bdat = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300), Arbitraries.integers().between(-3, 3),
                Arbitraries.of(true, false))
                .as((chunk, delta, last) -> concat(ascii("BDAT " + Math.max(0, chunk.length + delta) + (last ? " LAST" : "") + "\r\n"), chunk));
        Arbitrary<byte[]> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, fixed), net.jqwik.api.Tuple.of(2, data), net.jqwik.api.Tuple.of(1, openData),
                net.jqwik.api.Tuple.of(2, bdat));
        Arbitrary<byte[]> envelope = Arbitraries.just(ascii("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\n"));
        return Combinators.combine(envelope, step.list().ofMaxSize(10))
                .as((env, steps) -> {
                    List<byte[]> all = new ArrayList<>();
                    all.add(env);
                    all.addAll(steps);
                    return concat(all.toArray(byte[][]::new));
                });
    }

    /** Message text: lines of printable text, some starting with (stuffed) dots. */
    private static Arbitrary<byte[]> bodies() {
        Arbitrary<String> line = Arbitraries.strings().withChars("abc XYZ:.-=").ofMaxLength(80)
                .map(s -> s.startsWith(".") ? "." + s : s);
        return line.list().ofMaxSize(20).map(ls -> ascii(String.join("\r\n", ls)));
    }

    /** One edit of a transcript at a position given in thousandths of its length. */
    record Mutation(int kind, int at, int length) {
        static final String[] INSERTS = {"\r", "\n", "\0", ".", "\r\n.\r\n", "\n.\n", "\r.\r", "\r\n.", "DATA\r\n", "BDAT 10\r\n"};

        byte[] apply(byte[] in) {
            int pos = (int) ((long) at * in.length / 1000);
            return switch (kind) {
                case 0 -> concat(slice(in, 0, pos), ascii("x".repeat(length)), slice(in, pos, in.length)); // long line
                case 1 -> concat(slice(in, 0, pos), slice(in, Math.min(in.length, pos + length % 16), in.length)); // deletion
                default -> concat(slice(in, 0, pos), ascii(INSERTS[(kind - 2) % INSERTS.length]), slice(in, pos, in.length));
            };
        }
    }

    private static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 1 + Mutation.INSERTS.length),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(1, 2000)).as(Mutation::new);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
