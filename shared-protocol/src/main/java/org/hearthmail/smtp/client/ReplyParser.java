package org.hearthmail.smtp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearthmail.smtp.EnhancedStatus;
import org.hearthmail.smtp.Reply;

/**
 * Assembles SMTP reply lines into {@link Reply} values. Pure logic: no I/O, no Netty. The caller
 * frames the byte stream into lines (without the line ending) and feeds them one by one.
 *
 * <p>RFC 5321 §4.2: {@code Reply-line = *( Reply-code "-" [ textstring ] CRLF )
 * Reply-code [ SP textstring ] CRLF}; every line of a multi-line reply carries the same code.
 *
 * <p>Enhanced status codes (RFC 2034 §3, RFC 3463 §2) are taken from the first line when its text
 * starts with {@code class.subject.detail} whose class equals the first digit of the reply code;
 * the same code is then stripped from every following line that repeats it ("MUST be present on
 * every line"). Servers that advertise ENHANCEDSTATUSCODES and servers that send them unasked are
 * both understood this way.
 */
public final class ReplyParser {

    /** RFC 5321 does not bound the number of lines; we do, so a hostile server cannot grow memory. */
    public static final int DEFAULT_MAX_LINES = 256;

    private final int maxLines;
    private final List<String> lines = new ArrayList<>();
    private int code = -1;
    private EnhancedStatus status;

    public ReplyParser() {
        this(DEFAULT_MAX_LINES);
    }

    public ReplyParser(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive, was " + maxLines);
        }
        this.maxLines = maxLines;
    }

    /** True while the lines of a multi-line reply are being collected. */
    public boolean inProgress() {
        return code >= 0;
    }

    /**
     * Feeds one reply line, without its CRLF.
     *
     * @return the complete reply when {@code line} was its last line, empty otherwise
     * @throws SmtpProtocolException when the line is not a reply line, its code differs from the
     *     previous lines of the same reply, or the reply has too many lines
     */
    public Optional<Reply> feed(String line) throws SmtpProtocolException {
        int lineCode = parseCode(line);
        boolean last;
        if (line.length() == 3) {
            last = true; // RFC 5321 §4.2: "Reply-code [ SP textstring ] CRLF", the text is optional
        } else {
            char sep = line.charAt(3);
            if (sep == ' ') {
                last = true;
            } else if (sep == '-') {
                last = false;
            } else {
                throw new SmtpProtocolException("reply line has neither SP nor '-' after the code: " + excerpt(line));
            }
        }
        if (code >= 0 && lineCode != code) {
            // RFC 5321 §4.2.1: all lines of a multi-line reply carry the same code.
            throw new SmtpProtocolException("reply code changed from " + code + " to " + lineCode + " within one reply");
        }
        if (lines.size() >= maxLines) {
            throw new SmtpProtocolException("reply has more than " + maxLines + " lines");
        }
        String text = line.length() > 4 ? line.substring(4) : "";
        if (code < 0) {
            code = lineCode;
            status = leadingStatus(text, lineCode);
        }
        lines.add(stripStatus(text));
        if (!last) {
            return Optional.empty();
        }
        Reply reply = new Reply(code, status, lines);
        code = -1;
        status = null;
        lines.clear();
        return Optional.of(reply);
    }

    private static int parseCode(String line) throws SmtpProtocolException {
        if (line.length() < 3) {
            throw new SmtpProtocolException("reply line shorter than a reply code: " + excerpt(line));
        }
        char a = line.charAt(0);
        char b = line.charAt(1);
        char c = line.charAt(2);
        // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39
        if (a < '2' || a > '5' || b < '0' || b > '5' || c < '0' || c > '9') {
            throw new SmtpProtocolException("reply line does not start with a reply code 2yz..5yz: " + excerpt(line));
        }
        return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    }

    private static EnhancedStatus leadingStatus(String text, int code) {
        int sp = text.indexOf(' ');
        EnhancedStatus s = EnhancedStatus.parseOrNull(sp < 0 ? text : text.substring(0, sp));
        // RFC 3463 §3.1: the class of the enhanced code matches the first digit of the reply code.
        return s != null && s.cls() == code / 100 ? s : null;
    }

    private String stripStatus(String text) {
        if (status == null) {
            return text;
        }
        String token = status.toString();
        if (text.equals(token)) {
            return "";
        }
        if (text.startsWith(token + " ")) {
            return text.substring(token.length() + 1);
        }
        return text;
    }

    /** A short, printable excerpt of a bad line for an error message. */
    static String excerpt(String line) {
        String s = line.length() > 40 ? line.substring(0, 40) + "..." : line;
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return sb.append('"').toString();
    }
}
