package org.hearthmail.dkim;

import java.util.Objects;

/**
 * One header field exactly as received, as an ISO-8859-1 string (one char per byte).
 *
 * @param name the field name as written (without the colon)
 * @param raw  the whole field: name, colon, value with any folding, and the final CRLF
 */
public record HeaderField(String name, String raw) {
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(raw, "raw");
    }

    /** Everything after the colon, without the final CRLF (folding CRLFs kept). */
    public String value() {
        String v = raw.substring(raw.indexOf(':') + 1);
        return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v;
    }

    public boolean is(String other) {
        return name.strip().equalsIgnoreCase(other);
    }
}
