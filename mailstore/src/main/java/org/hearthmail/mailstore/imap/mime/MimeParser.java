package org.hearthmail.mailstore.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a raw message into its MIME entities with their offsets (RFC 2045, RFC 2046), recursing
 * into multiparts, message/rfc822 and message/global (decoded first when it has a base64 or
 * quoted-printable transfer encoding, {@link EncodedMessage}). Tolerant of what real mail contains: missing boundaries,
 * bare LF line ends, absent headers. Nesting deeper than {@link #MAX_DEPTH} is kept as an opaque
 * leaf so that a hostile message cannot exhaust the stack.
 */
public final class MimeParser {
    static final int MAX_DEPTH = 40;

    private final byte[] raw;

    private MimeParser(byte[] raw) {
        this.raw = raw;
    }

    /** The message as a tree; the root describes the whole message. */
    public static MimePart parse(byte[] raw) {
        return new MimeParser(raw).entity(0, raw.length, false, 0, true);
    }

    private MimePart entity(int start, int end, boolean digestChild, int depth, boolean isMessage) {
        HeaderBlock h = HeaderBlock.parse(raw, start, end);
        int bodyStart = Math.min(h.bodyStart(), end);
        // RFC 2045 §5.2: no Content-Type means text/plain; us-ascii (message/rfc822 inside a digest, RFC 2046 §5.1.5).
        String ctField = h.first("Content-Type");
        ContentFields.Parsed ct = ContentFields.parse(ctField);
        String type;
        String subtype;
        List<Param> params = ct.params();
        int slash = ct.value().indexOf('/');
        if (ctField == null || slash <= 0 || slash == ct.value().length() - 1) {
            type = digestChild ? "message" : "text";
            subtype = digestChild ? "rfc822" : "plain";
            if (!digestChild) {
                params = List.of(new Param("charset", "us-ascii"));
            }
        } else {
            type = ct.value().substring(0, slash).strip().toLowerCase(Locale.ROOT);
            subtype = ct.value().substring(slash + 1).strip().toLowerCase(Locale.ROOT);
        }
        ContentFields.Parsed disp = ContentFields.parse(h.first("Content-Disposition"));
        String encoding = h.first("Content-Transfer-Encoding");
        List<MimePart> children = List.of();
        MimePart message = null;
        String envelope = null;
        String boundary = params.stream().filter(p -> p.name().equals("boundary")).map(Param::value)
                .findFirst().orElse(null);
        if (type.equals("multipart") && depth < MAX_DEPTH && boundary != null && !boundary.isEmpty()) {
            children = multipart(bodyStart, end, boundary, subtype.equals("digest"), depth);
        }
        if (type.equals("multipart") && children.isEmpty()) {
            // Nothing to split: show it as the opaque text it is.
            type = "text";
            subtype = "plain";
            params = List.of(new Param("charset", "us-ascii"));
        }
        if (type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global")) && depth < MAX_DEPTH) {
            if (EncodedMessage.applies(type, subtype, encoding)) {
                // RFC 6532 §3.5: a message/global body may be base64 or quoted-printable; the message
                // is what the encoding holds (its tree's offsets are into the decoded octets).
                byte[] decoded = EncodedMessage.decode(raw, bodyStart, end, encoding);
                if (decoded != null) {
                    message = new MimeParser(decoded).entity(0, decoded.length, false, depth + 1, true);
                    envelope = Envelope.render(HeaderBlock.parse(decoded, 0, decoded.length));
                }
            } else {
                message = entity(bodyStart, end, false, depth + 1, true);
                envelope = Envelope.render(HeaderBlock.parse(raw, bodyStart, end));
            }
        }
        return new MimePart(start, bodyStart, end, lines(bodyStart, end), type, subtype, params,
                h.first("Content-ID"), h.first("Content-Description"),
                encoding == null ? "7BIT" : encoding.strip(), h.first("Content-MD5"),
                disp.value().isEmpty() ? null : disp.value().toLowerCase(Locale.ROOT),
                disp.value().isEmpty() ? null : disp.params(), h.first("Content-Language"),
                h.first("Content-Location"), envelope, children, message);
    }

    /** RFC 2046 §5.1.1: parts lie between delimiter lines "--boundary"; the CRLF before one belongs to it. */
    private List<MimePart> multipart(int start, int end, String boundary, boolean digest, int depth) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<MimePart> parts = new ArrayList<>();
        int partStart = -1;
        int pos = start;
        while (pos < end) {
            int eol = pos;
            while (eol < end && raw[eol] != '\n') {
                eol++;
            }
            if (startsWith(pos, eol, delim)) {
                int after = pos + delim.length;
                boolean close = after + 1 < eol && raw[after] == '-' && raw[after + 1] == '-';
                if (close || onlySpace(after, eol)) {
                    if (partStart >= 0) {
                        int partEnd = pos;
                        if (partEnd > partStart && raw[partEnd - 1] == '\n') {
                            partEnd--;
                            if (partEnd > partStart && raw[partEnd - 1] == '\r') {
                                partEnd--;
                            }
                        }
                        parts.add(entity(partStart, Math.max(partStart, partEnd), digest, depth + 1, false));
                    }
                    if (close) {
                        return parts;
                    }
                    partStart = Math.min(eol + 1, end);
                }
            }
            pos = eol + 1;
        }
        if (partStart >= 0 && partStart < end) {
            parts.add(entity(partStart, end, digest, depth + 1, false));
        }
        return parts;
    }

    private boolean startsWith(int pos, int eol, byte[] prefix) {
        if (eol - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean onlySpace(int from, int eol) {
        for (int i = from; i < eol; i++) {
            if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private long lines(int start, int end) {
        long n = 0;
        for (int i = start; i < end; i++) {
            if (raw[i] == '\n') {
                n++;
            }
        }
        if (end > start && raw[end - 1] != '\n') {
            n++;
        }
        return n;
    }
}
