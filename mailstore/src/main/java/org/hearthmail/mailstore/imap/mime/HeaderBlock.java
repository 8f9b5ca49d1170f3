package org.hearthmail.mailstore.imap.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header fields of one entity (RFC 5322 §2.2), each with its raw octets for HEADER.FIELDS. */
public final class HeaderBlock {

    /** One field: its name, unfolded value, and raw octets [start, end) including the line end. */
    public record Field(String name, String value, int start, int end) {
    }

    private final List<Field> fields;
    private final int bodyStart;

    private HeaderBlock(List<Field> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    /** Reads header fields from {@code start} up to the first empty line (or {@code end}). */
    public static HeaderBlock parse(byte[] raw, int start, int end) {
        List<Field> fields = new ArrayList<>();
        int pos = start;
        int fieldStart = -1;
        while (pos < end) {
            int eol = lineEnd(raw, pos, end);
            boolean empty = eol == pos || (eol == pos + 1 && raw[pos] == '\r');
            int next = Math.min(eol + 1, end);
            if (empty) {
                add(raw, fieldStart, pos, fields);
                return new HeaderBlock(fields, next);
            }
            // RFC 5322 §2.2.3: a line starting with WSP continues the field before it.
            boolean continuation = raw[pos] == ' ' || raw[pos] == '\t';
            if (!continuation) {
                add(raw, fieldStart, pos, fields);
                fieldStart = pos;
            }
            pos = next;
        }
        add(raw, fieldStart, end, fields);
        return new HeaderBlock(fields, end);
    }

    private static int lineEnd(byte[] raw, int pos, int end) {
        for (int i = pos; i < end; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    private static void add(byte[] raw, int start, int end, List<Field> fields) {
        if (start < 0) {
            return;
        }
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (raw[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= start) {
            return; // not a field: ignored, as most parsers do
        }
        String name = new String(raw, start, colon - start, StandardCharsets.US_ASCII).strip();
        String value = text(raw, colon + 1, end).replaceAll("\r?\n", "").strip();
        fields.add(new Field(name, value, start, end));
    }

    /** UTF-8 when valid (RFC 6532), otherwise ISO-8859-1 so that no octet is lost. */
    public static String text(byte[] raw, int start, int end) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    public List<Field> fields() {
        return fields;
    }

    public int bodyStart() {
        return bodyStart;
    }

    /** The first value of a field, or null. */
    public String first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** All values of a field, for SEARCH HEADER. */
    public List<String> all(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n)).map(Field::value).toList();
    }
}
