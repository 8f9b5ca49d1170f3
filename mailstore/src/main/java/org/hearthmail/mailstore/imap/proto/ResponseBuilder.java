package org.hearthmail.mailstore.imap.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds server responses as bytes (RFC 3501 §7). Strings are sent quoted when that is safe and as
 * literals otherwise (CR, LF, NUL, 8-bit, or long), so any value round-trips.
 */
public final class ResponseBuilder {
    private static final int MAX_QUOTED = 1024;
    private final ByteArrayOutputStream out;

    public ResponseBuilder() {
        this(256);
    }

    /** With room for {@code capacity} octets before it grows (a FETCH response of known parts). */
    public ResponseBuilder(int capacity) {
        out = new ByteArrayOutputStream(capacity);
    }

    public ResponseBuilder raw(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        return this;
    }

    public ResponseBuilder raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public ResponseBuilder sp() {
        out.write(' ');
        return this;
    }

    public ResponseBuilder crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    /** RFC 3501 §4.3 string: quoted or literal. */
    public ResponseBuilder string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    public ResponseBuilder string(byte[] b) {
        if (quotable(b)) {
            out.write('"');
            for (byte x : b) {
                if (x == '"' || x == '\\') {
                    out.write('\\');
                }
                out.write(x);
            }
            out.write('"');
            return this;
        }
        return literal(b);
    }

    /** RFC 3501 §4.5 nstring: NIL or a string. */
    public ResponseBuilder nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    public ResponseBuilder literal(byte[] b) {
        raw("{" + b.length + "}");
        crlf();
        out.write(b, 0, b.length);
        return this;
    }

    /** RFC 3516 §4.2 / RFC 9051 §4.3 literal8: {@code ~{n}} and octets that may include NUL. */
    public ResponseBuilder literal8(byte[] b) {
        raw("~{" + b.length + "}");
        crlf();
        out.write(b, 0, b.length);
        return this;
    }

    /** An astring: as an atom when it is one, else a string. */
    public ResponseBuilder astring(String s) {
        if (!s.isEmpty() && !s.equalsIgnoreCase("NIL") && s.chars().allMatch(c -> c < 0x80 && c > 0x20
                && "(){%*\"\\]".indexOf(c) < 0)) {
            return raw(s);
        }
        return string(s);
    }

    public int size() {
        return out.size();
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    private static boolean quotable(byte[] b) {
        if (b.length > MAX_QUOTED) {
            return false;
        }
        for (byte x : b) {
            if (x == '\r' || x == '\n' || x == 0 || (x & 0x80) != 0) {
                return false;
            }
        }
        return true;
    }
}
