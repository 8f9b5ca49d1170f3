package org.hearthmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearthmail.smtp.codec.DecoderDriver.auth;
import static org.hearthmail.smtp.codec.DecoderDriver.cmd;
import static org.hearthmail.smtp.codec.DecoderDriver.content;

import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of inputs and the exact sequence of {@link SmtpInput}s the decoder must emit for them, however
 * the bytes are cut into reads: whole, cut at every single position, one byte per read, and (short
 * inputs) cut at every pair of positions; with the session's resume played inside the read and after
 * it. Every buffer is released (checked by refCnt under PARANOID leak detection).
 */
class SmtpServerDecoderSplitTest {

    private static final DecoderLimits RFC = DecoderLimits.RFC_DEFAULTS;
    private static final DecoderLimits SIZE_16 = new DecoderLimits(512, 1536, 12288, 1000, 16);
    private static ResourceLeakDetector.Level previousLevel;

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    /**
     * One input and what it must produce. With {@code contentIsPrefix} (refused messages) the decoder
     * may stop passing content on once it knows the message is refused, so the content seen need only
     * be a prefix of the unstuffed bytes; every other input must match exactly.
     */
    record Case(String name, DecoderLimits limits, String input, List<String> expected, boolean contentIsPrefix) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case exact(String name, String input, String... expected) {
        return new Case(name, RFC, input, List.of(expected), false);
    }

    private static Case refused(String name, DecoderLimits limits, String input, String... expected) {
        return new Case(name, limits, input, List.of(expected), true);
    }

    private static String in(SmtpInput input) {
        return DecoderDriver.describe(input);
    }

    private static String dataEnd(boolean bare, boolean longLine, boolean tooBig, boolean nul, long size) {
        return in(new SmtpInput.DataEnd(new DataFaults(bare, longLine, tooBig, nul, size)));
    }

    private static String clean(String unstuffed) {
        return dataEnd(false, false, false, false, unstuffed.length());
    }

    private static String malformed(String reason) {
        return in(new SmtpInput.MalformedLine(reason));
    }

    private static final String CRLF_REASON = "line must end with CRLF";
    private static final String CR_REASON = "bare CR in command line";
    private static final String NUL_REASON = "NUL in command line";

    static Stream<Case> cases() {
        String x998 = "x".repeat(998);
        String x999 = "x".repeat(999);
        String longMail = "MAIL FROM:<" + "a".repeat(1000) + "@example.org>";
        String tooLongMail = "mail FROM:<" + "a".repeat(1600) + "@example.org>";
        String authLine = "Q".repeat(2000);
        return Stream.of(
                // ---- command lines: RFC 5321 §2.3.8, only CRLF ends a line
                exact("pipelined commands", "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\n",
                        cmd("EHLO client.example"), cmd("MAIL FROM:<a@example.org>"), cmd("RCPT TO:<b@example.test>")),
                exact("empty line and lower case", "\r\nnoop\r\n", cmd(""), cmd("noop")),
                exact("partial line waits for its CRLF", "NOOP\r\nRS", cmd("NOOP")),
                exact("bare LF ends a malformed line", "NOOP\nRSET\r\n", malformed(CRLF_REASON), cmd("RSET")),
                exact("lone LF", "\nRSET\r\n", malformed(CRLF_REASON), cmd("RSET")),
                exact("bare CR inside a line", "NO\rOP\r\nRSET\r\n", malformed(CR_REASON), cmd("RSET")),
                exact("CR CR LF", "NOOP\r\r\nRSET\r\n", malformed(CR_REASON), cmd("RSET")),
                exact("NUL in a line", "NO\0OP\r\nRSET\r\n", malformed(NUL_REASON), cmd("RSET")),
                exact("8-bit bytes pass as raw bytes", "EHLO \u00e9\u00ff\r\n", cmd("EHLO \u00e9\u00ff")),
                // ---- RFC 5321 §4.5.3.1.4: 512 octets with CRLF; MAIL/RCPT get the extensions' allowance
                exact("512 octets accepted, 514 refused", "NOOP " + "x".repeat(505) + "\r\nNOOP " + "x".repeat(507) + "\r\nRSET\r\n",
                        cmd("NOOP " + "x".repeat(505)), in(new SmtpInput.LineTooLong(512)), cmd("RSET")),
                exact("long MAIL within its limit, NOOP of the same length refused",
                        longMail + "\r\nNOOP " + "x".repeat(1020) + "\r\nRSET\r\n",
                        cmd(longMail), in(new SmtpInput.LineTooLong(512)), cmd("RSET")),
                exact("MAIL over its limit", tooLongMail + "\r\nRSET\r\n", in(new SmtpInput.LineTooLong(1536)), cmd("RSET")),
                exact("over-long line ended by a bare LF", "NOOP " + "x".repeat(600) + "\nRSET\r\n",
                        in(new SmtpInput.LineTooLong(512)), cmd("RSET")),
                // ---- DATA: RFC 5321 §4.1.1.4 end marker, §4.5.2 dot-unstuffing
                exact("DATA with a stuffed dot",
                        "DATA\r\nSubject: x\r\n\r\nhello\r\n..dot\r\n.x\r\n.\r\nRSET\r\n",
                        cmd("DATA"), content("Subject: x\r\n\r\nhello\r\n.dot\r\nx\r\n"),
                        clean("Subject: x\r\n\r\nhello\r\n.dot\r\nx\r\n"), cmd("RSET")),
                exact("empty message", "DATA\r\n.\r\nNOOP\r\n", cmd("DATA"), clean(""), cmd("NOOP")),
                exact("a line of one stuffed dot", "DATA\r\n..\r\n.\r\n", cmd("DATA"), content(".\r\n"), clean(".\r\n")),
                exact("commands inside DATA are content",
                        "DATA\r\nMAIL FROM:<x@example.org>\r\n.\r\nQUIT\r\n",
                        cmd("DATA"), content("MAIL FROM:<x@example.org>\r\n"), clean("MAIL FROM:<x@example.org>\r\n"), cmd("QUIT")),
                exact("two messages back to back", "DATA\r\na\r\n.\r\nDATA\r\nb\r\n.\r\n",
                        cmd("DATA"), content("a\r\n"), clean("a\r\n"), cmd("DATA"), content("b\r\n"), clean("b\r\n")),
                exact("NUL in content is kept and noted", "DATA\r\na\0b\r\n.\r\n",
                        cmd("DATA"), content("a\0b\r\n"), dataEnd(false, false, false, true, 5)),
                // RFC 5321 §4.5.3.1.6: 1000 octets with CRLF
                exact("998 octets fine, 999 too long", "DATA\r\n" + x998 + "\r\n.\r\nDATA\r\n" + x999 + "\r\n.\r\n",
                        cmd("DATA"), content(x998 + "\r\n"), clean(x998 + "\r\n"),
                        cmd("DATA"), content(x999 + "\r\n"), dataEnd(false, true, false, false, 1001)),
                exact("a stuffed dot counts toward the line length", "DATA\r\n." + x998 + "\r\n.\r\n",
                        cmd("DATA"), content(x998 + "\r\n"), dataEnd(false, true, false, false, 1000)),
                // ---- smuggling (CVE-2023-51764 class): only CRLF.CRLF ends DATA
                refused("LF.LF does not end DATA", RFC, "DATA\r\nhello\n.\nMAIL FROM:<evil@example.org>\r\n.\r\nRSET\r\n",
                        cmd("DATA"), content("hello\n.\nMAIL FROM:<evil@example.org>\r\n"),
                        dataEnd(true, false, false, false, "hello\n.\nMAIL FROM:<evil@example.org>\r\n".length()), cmd("RSET")),
                refused("CR.CR does not end DATA", RFC, "DATA\r\nhello\r.\rmore\r\n.\r\nRSET\r\n",
                        cmd("DATA"), content("hello\r.\rmore\r\n"), dataEnd(true, false, false, false, 14), cmd("RSET")),
                refused("LF.CRLF does not end DATA", RFC, "DATA\r\na\n.\r\nb\r\n.\r\n",
                        cmd("DATA"), content("a\n.\r\nb\r\n"), dataEnd(true, false, false, false, 8)),
                refused("CRLF.LF does not end DATA", RFC, "DATA\r\na\r\n.\nb\r\n.\r\n",
                        cmd("DATA"), content("a\r\n\nb\r\n"), dataEnd(true, false, false, false, 7)),
                refused("CRLF.CR x does not end DATA", RFC, "DATA\r\nhello\r\n.\rx\r\n.\r\nNOOP\r\n",
                        cmd("DATA"), content("hello\r\nx\r\n"), dataEnd(true, false, false, false, 10), cmd("NOOP")),
                // ---- RFC 1870 SIZE: 16 octets fine, 18 too big; content stops once over
                new Case("16 octets within a 16-octet limit", SIZE_16, "DATA\r\n0123456789abcd\r\n.\r\n",
                        List.of(cmd("DATA"), content("0123456789abcd\r\n"), clean("0123456789abcd\r\n")), false),
                refused("18 octets over a 16-octet limit", SIZE_16, "DATA\r\n0123456789abcdef\r\n.\r\nNOOP\r\n",
                        cmd("DATA"), content("0123456789abcdef\r\n"), dataEnd(false, false, true, false, 18), cmd("NOOP")),
                // ---- AUTH continuation lines, RFC 4954 §4: read with their own, longer limit
                exact("AUTH continuation line", "AUTH PLAIN\r\nAGEAYg==\r\nNOOP\r\n",
                        cmd("AUTH PLAIN"), auth("AGEAYg=="), cmd("NOOP")),
                exact("AUTH line beyond the command limit", "AUTH LOGIN\r\n" + authLine + "\r\nNOOP\r\n",
                        cmd("AUTH LOGIN"), auth(authLine), cmd("NOOP")),
                exact("STARTTLS then a command", "STARTTLS\r\nNOOP\r\n", cmd("STARTTLS"), cmd("NOOP")),
                // ---- BDAT, RFC 3030 §2: exactly size octets, no unstuffing, then commands again
                exact("BDAT LAST then a command", "BDAT 5 LAST\r\nhelloRSET\r\n",
                        in(new SmtpInput.Bdat(5, true)), content("hello"), in(new SmtpInput.BdatEnd(true, 5, false, false, false)), cmd("RSET")),
                exact("BDAT 0 LAST", "BDAT 0 LAST\r\nRSET\r\n",
                        in(new SmtpInput.Bdat(0, true)), in(new SmtpInput.BdatEnd(true, 0, false, false, false)), cmd("RSET")),
                exact("CRLF split across two chunks", "BDAT 3\r\nab\rBDAT 3 LAST\r\n\ncd",
                        in(new SmtpInput.Bdat(3, false)), content("ab\r"), in(new SmtpInput.BdatEnd(false, 3, false, false, true)),
                        in(new SmtpInput.Bdat(3, true)), content("\ncd"), in(new SmtpInput.BdatEnd(true, 3, false, true, false))),
                exact("bare LF and bare CR inside chunks", "BDAT 3\r\na\nbBDAT 3 last\r\nc\rd",
                        in(new SmtpInput.Bdat(3, false)), content("a\nb"), in(new SmtpInput.BdatEnd(false, 3, true, false, false)),
                        in(new SmtpInput.Bdat(3, true)), content("c\rd"), in(new SmtpInput.BdatEnd(true, 3, true, false, false))),
                exact("CRLF inside a chunk is not bare", "BDAT 6 LAST\r\na\r\nb\r\n",
                        in(new SmtpInput.Bdat(6, true)), content("a\r\nb\r\n"), in(new SmtpInput.BdatEnd(true, 6, false, false, false))),
                exact("chunk bytes that look like commands and an end marker are content", "BDAT 15 LAST\r\n.\r\nDATA\r\nQUIT\r\nNOOP\r\n",
                        in(new SmtpInput.Bdat(15, true)), content(".\r\nDATA\r\nQUIT\r\n"),
                        in(new SmtpInput.BdatEnd(true, 15, false, false, false)), cmd("NOOP")),
                exact("BDAT syntax errors are plain command lines",
                        "BDAT\r\nBDAT x\r\nBDAT 5 FIRST\r\nBDAT -1\r\nBDAT  5\r\nBDAT 1234567890123456789\r\nBDAT 1 LAST extra\r\nNOOP\r\n",
                        cmd("BDAT"), cmd("BDAT x"), cmd("BDAT 5 FIRST"), cmd("BDAT -1"), cmd("BDAT  5"),
                        cmd("BDAT 1234567890123456789"), cmd("BDAT 1 LAST extra"), cmd("NOOP")));
    }

    static Stream<Arguments> runs() {
        return cases().flatMap(c -> Stream.of(DecoderDriver.Resume.values()).map(r -> Arguments.of(c, r)));
    }

    @ParameterizedTest(name = "{0} (resume {1})")
    @MethodSource("runs")
    void emitsExactlyTheExpectedInputsHoweverTheBytesAreSplit(Case c, DecoderDriver.Resume resume) {
        byte[] input = c.input().getBytes(StandardCharsets.ISO_8859_1);
        for (int[] cuts : cutsOf(input.length)) {
            try (DecoderDriver d = new DecoderDriver(c.limits(), resume, DecoderDriver.SESSION_LIKE)) {
                d.writeCut(input, cuts);
                check(c, d.events(), Arrays.toString(cuts.length > 8 ? new int[] {cuts.length} : cuts));
            }
        }
    }

    /** Whole; every single cut; one byte per read; every pair of cuts when short. */
    static List<int[]> cutsOf(int length) {
        List<int[]> all = new ArrayList<>();
        all.add(new int[0]);
        for (int i = 1; i < length; i++) {
            all.add(new int[] {i});
        }
        int[] bytewise = new int[Math.max(0, length - 1)];
        for (int i = 0; i < bytewise.length; i++) {
            bytewise[i] = i + 1;
        }
        all.add(bytewise);
        if (length <= 48) {
            for (int i = 1; i < length; i++) {
                for (int j = i + 1; j < length; j++) {
                    all.add(new int[] {i, j});
                }
            }
        }
        return all;
    }

    private static void check(Case c, List<String> got, String cuts) {
        if (!c.contentIsPrefix()) {
            assertThat(got).as("%s, cut at %s", c.name(), cuts).containsExactlyElementsOf(c.expected());
            return;
        }
        String prefix = DecoderDriver.content("");
        List<String> gotRest = got.stream().filter(s -> !s.startsWith(prefix)).toList();
        List<String> wantRest = c.expected().stream().filter(s -> !s.startsWith(prefix)).toList();
        assertThat(gotRest).as("%s, cut at %s", c.name(), cuts).containsExactlyElementsOf(wantRest);
        String gotContent = String.join("", got.stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length())).toList());
        String wantContent = String.join("", c.expected().stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length())).toList());
        assertThat(wantContent).as("%s, cut at %s: content passed on must be a prefix", c.name(), cuts).startsWith(gotContent);
    }
}
