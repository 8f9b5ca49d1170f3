package org.hearthmail.mailstore.imap.command;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.hearthmail.mailstore.imap.mime.HeaderBlock;
import org.hearthmail.mailstore.imap.mime.MimePart;
import org.hearthmail.mailstore.store.MessageMeta;

/** A message as SEARCH sees it: metadata at once, decoded header and body text on first use. */
final class MessageCandidate implements SearchKey.Candidate {
    private final int seq;
    private final int exists;
    private final long largestUid;
    private final MessageContent content;
    private HeaderBlock header;
    private String bodyText;

    MessageCandidate(int seq, int exists, long largestUid, MessageContent content) {
        this.seq = seq;
        this.exists = exists;
        this.largestUid = largestUid;
        this.content = content;
    }

    @Override public int seq() { return seq; }
    @Override public long uid() { return content.meta().uid(); }
    @Override public int exists() { return exists; }
    @Override public long largestUid() { return largestUid; }
    @Override public MessageMeta meta() { return content.meta(); }

    private HeaderBlock headerBlock() throws IOException {
        if (header == null) {
            byte[] raw = content.raw();
            header = HeaderBlock.parse(raw, 0, raw.length);
        }
        return header;
    }

    @Override
    public List<String> header(String name) throws IOException {
        return values(headerBlock(), name);
    }

    @Override
    public String headerText() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (HeaderBlock.Field f : headerBlock().fields()) {
            sb.append(f.name()).append(": ").append(decodeWords(f.value())).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String bodyText() throws IOException {
        if (bodyText == null) {
            StringBuilder sb = new StringBuilder();
            MimePart root = content.parsed().root();
            appendText(sb, root, true, content.raw());
            bodyText = sb.toString();
        }
        return bodyText;
    }

    @Override
    public LocalDate sentDate() throws IOException {
        return sentDate(headerBlock());
    }

    /** The day (UTC) of a header's Date field, or null when it has none or it does not parse. */
    static LocalDate sentDate(HeaderBlock header) {
        String d = header.first("Date");
        if (d == null) {
            return null;
        }
        java.util.Date parsed = new MailDateFormat().parse(d, new ParsePosition(0));
        return parsed == null ? null : parsed.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Decoded values (RFC 2047 words) of every field {@code name} of a header, as {@link #header}. */
    static List<String> values(HeaderBlock header, String name) {
        return header.all(name).stream().map(MessageCandidate::decodeWords).toList();
    }

    /**
     * Text parts decoded; other leaves are skipped; encapsulated messages are searched too.
     * {@code raw} holds {@code p} (the message, or an encoded message/global part's decoded body).
     */
    private void appendText(StringBuilder sb, MimePart p, boolean root, byte[] raw) throws IOException {
        if (p.multipart()) {
            for (MimePart c : p.children()) {
                appendText(sb, c, false, raw);
            }
            return;
        }
        if (p.message() != null) {
            MimePart m = p.message();
            byte[] inner = p.messageOctets(raw);
            if (inner == null) {
                return;
            }
            HeaderBlock h = HeaderBlock.parse(inner, (int) m.headerStart(), (int) m.bodyStart());
            for (HeaderBlock.Field f : h.fields()) {
                sb.append(decodeWords(f.value())).append('\n');
            }
            appendText(sb, m, false, inner);
            return;
        }
        if (!p.text() && !root) {
            return;
        }
        byte[] body = Arrays.copyOfRange(raw, (int) p.bodyStart(), (int) p.end());
        sb.append(decode(body, p.encoding(), p.param("charset"))).append('\n');
    }

    private static String decode(byte[] body, String encoding, String charset) {
        byte[] bytes = body;
        try (InputStream in = TransferDecoding.decode(new ByteArrayInputStream(body), encoding)) {
            bytes = in.readAllBytes();
        } catch (MessagingException | IOException e) {
            // Unknown or broken transfer encoding: search the octets as they are.
        }
        Charset cs = StandardCharsets.UTF_8;
        if (charset != null) {
            try {
                cs = Charset.forName(MimeUtility.javaCharset(charset));
            } catch (IllegalArgumentException e) {
                cs = StandardCharsets.UTF_8;
            }
        }
        return new String(bytes, cs);
    }

    static String decodeWords(String v) {
        try {
            return MimeUtility.decodeText(v);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return v;
        }
    }
}
