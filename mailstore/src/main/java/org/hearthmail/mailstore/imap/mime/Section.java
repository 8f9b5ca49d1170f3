package org.hearthmail.mailstore.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/**
 * A FETCH body section (RFC 3501 §6.4.5): part numbers and an optional HEADER, HEADER.FIELDS
 * (.NOT), TEXT or MIME, and the octets it selects from a message.
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {

    public enum Kind { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
    }

    /** Parses what is between the brackets of {@code BODY[...]}. */
    public static Section parse(String spec) throws ImapSyntaxException {
        String s = spec.strip();
        List<Integer> part = new ArrayList<>();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j - i > 9) {
                throw new ImapSyntaxException("part number too large");
            }
            int n = Integer.parseInt(s.substring(i, j));
            if (n == 0) {
                throw new ImapSyntaxException("part numbers start at 1");
            }
            part.add(n);
            i = j;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        String rest = s.substring(i);
        String upper = rest.toUpperCase(Locale.ROOT);
        if (upper.isEmpty()) {
            if (s.endsWith(".")) {
                throw new ImapSyntaxException("section ends with '.'");
            }
            return new Section(part, Kind.ALL, List.of());
        }
        if (upper.equals("HEADER")) {
            return new Section(part, Kind.HEADER, List.of());
        }
        if (upper.equals("TEXT")) {
            return new Section(part, Kind.TEXT, List.of());
        }
        if (upper.equals("MIME")) {
            // RFC 3501 §6.4.5: MIME needs a part number.
            if (part.isEmpty()) {
                throw new ImapSyntaxException("MIME needs a part number");
            }
            return new Section(part, Kind.MIME, List.of());
        }
        Kind k;
        String list;
        if (upper.startsWith("HEADER.FIELDS.NOT")) {
            k = Kind.HEADER_FIELDS_NOT;
            list = rest.substring("HEADER.FIELDS.NOT".length()).strip();
        } else if (upper.startsWith("HEADER.FIELDS")) {
            k = Kind.HEADER_FIELDS;
            list = rest.substring("HEADER.FIELDS".length()).strip();
        } else {
            throw new ImapSyntaxException("unknown section " + spec);
        }
        if (!list.startsWith("(") || !list.endsWith(")")) {
            throw new ImapSyntaxException("HEADER.FIELDS needs a parenthesized list");
        }
        List<String> fields = Arrays.stream(list.substring(1, list.length() - 1).split(" "))
                .map(String::strip).filter(x -> !x.isEmpty()).map(x -> x.replace("\"", "")).toList();
        if (fields.isEmpty()) {
            throw new ImapSyntaxException("HEADER.FIELDS needs at least one field name");
        }
        return new Section(part, k, fields);
    }

    /** True when fetching it may set \Seen: everything but the header sections (RFC 3501 §6.4.5). */
    public boolean headerOnly() {
        return kind == Kind.HEADER || kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT
                || kind == Kind.MIME;
    }

    /** The octets this section names, or null when the message has no such part. */
    public byte[] extract(byte[] raw, MimePart root) {
        Located at = locate(raw, root);
        if (at == null) {
            return null;
        }
        MimePart entity = at.entity();
        byte[] bytes = at.octets();
        return switch (kind) {
            case ALL -> part.isEmpty() ? slice(raw, root.headerStart(), root.end())
                    : slice(bytes, entity.bodyStart(), entity.end());
            case MIME -> slice(bytes, entity.headerStart(), entity.bodyStart());
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT -> {
                MimePart msg = part.isEmpty() ? root : entity.message();
                byte[] inner = part.isEmpty() ? raw : entity.messageOctets(bytes);
                if (msg == null || inner == null) {
                    yield null;
                }
                yield kind == Kind.TEXT ? slice(inner, msg.bodyStart(), msg.end())
                        : kind == Kind.HEADER ? slice(inner, msg.headerStart(), msg.bodyStart())
                        : fields(inner, msg);
            }
        };
    }

    /**
     * The entity the part numbers name (RFC 3501 §6.4.5; the root for none), or null when the
     * message has no such part. Structure only: below an encoded message/global part the offsets
     * point into that part's decoded body, so read octets through {@link #locate}.
     */
    public MimePart entity(MimePart root) {
        Located at = locate(null, root);
        return at == null ? null : at.entity();
    }

    /** An entity and the octets its offsets point into (the message's, or an encoded message/global's decoded body). */
    public record Located(byte[] octets, MimePart entity) {
    }

    /**
     * The entity the part numbers name (RFC 3501 §6.4.5; the root for none) with the octets it
     * lies in, or null when the message has no such part. With {@code raw} null only the
     * structure is walked (octets null).
     */
    public Located locate(byte[] raw, MimePart root) {
        MimePart entity = root;
        byte[] bytes = raw;
        for (int i = 0; i < part.size(); i++) {
            int n = part.get(i);
            MimePart container;
            if (i == 0) {
                container = root;
            } else if (entity.message() != null) {
                // Part numbers of a message/rfc822 or message/global part go into its message.
                container = entity.message();
                if (raw != null) {
                    bytes = entity.messageOctets(bytes);
                    if (bytes == null) {
                        return null;
                    }
                }
            } else if (entity.multipart()) {
                container = entity;
            } else {
                return null; // a leaf has no parts below it
            }
            if (container.multipart()) {
                if (n > container.children().size()) {
                    return null;
                }
                entity = container.children().get(n - 1);
            } else if (n == 1) {
                entity = container; // RFC 3501 §6.4.5: a non-multipart message has one part, its body
            } else {
                return null;
            }
        }
        return new Located(bytes, entity);
    }

    private byte[] fields(byte[] raw, MimePart msg) {
        HeaderBlock h = HeaderBlock.parse(raw, (int) msg.headerStart(), (int) msg.bodyStart());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderBlock.Field f : h.fields()) {
            boolean listed = fields.stream().anyMatch(x -> x.equalsIgnoreCase(f.name()));
            if (listed == (kind == Kind.HEADER_FIELDS)) {
                out.write(raw, f.start(), f.end() - f.start());
                if (raw[f.end() - 1] != '\n') {
                    out.write('\r');
                    out.write('\n');
                }
            }
        }
        // RFC 3501 §6.4.5: the blank line between header and body is included.
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    static byte[] slice(byte[] raw, long from, long to) {
        int a = (int) Math.min(from, raw.length);
        int b = (int) Math.min(Math.max(to, from), raw.length);
        return Arrays.copyOfRange(raw, a, b);
    }
}
