package org.hearthmail.dkim;

import java.util.Locale;

/** RFC 6376 §3.4: the two canonicalisation algorithms. */
public enum Canonicalization {
    SIMPLE, RELAXED;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Canonicalization of(String keyword) throws DkimSyntaxException {
        return switch (keyword.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new DkimSyntaxException("unknown canonicalization " + keyword);
        };
    }

    /** RFC 6376 §3.4.1, §3.4.2: one header field (name, colon, raw value with folding, CRLF). */
    public String header(HeaderField field) {
        if (this == SIMPLE) {
            // §3.4.1: no change at all.
            return field.raw();
        }
        // §3.4.2: lower-case name; unfold; WSP runs to one SP; no WSP at end of value or around ':'.
        String value = field.value().replace("\r\n", "");
        value = stripWsp(value.replaceAll("[ \\t]+", " "));
        return stripWsp(field.name().toLowerCase(Locale.ROOT)) + ":" + value + "\r\n";
    }

    private static String stripWsp(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    /** A fresh streaming body canonicaliser writing to {@code sink}. */
    public BodyCanonicalizer body(BodyCanonicalizer.Sink sink) {
        return new BodyCanonicalizer(this == RELAXED, sink);
    }
}
