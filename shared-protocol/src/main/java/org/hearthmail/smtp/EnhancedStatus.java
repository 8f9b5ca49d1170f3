package org.hearthmail.smtp;

import java.util.regex.Pattern;

/**
 * An enhanced mail system status code, {@code class.subject.detail} (RFC 3463 §2, registry in
 * RFC 5248). The class is 2 (success), 4 (persistent transient failure) or 5 (permanent failure);
 * subject and detail are 0..999 with no leading zeros.
 */
public record EnhancedStatus(int cls, int subject, int detail) {

    private static final Pattern SYNTAX = Pattern.compile("[245]\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    public EnhancedStatus {
        if (cls != 2 && cls != 4 && cls != 5) {
            throw new IllegalArgumentException("RFC 3463 §2: class must be 2, 4 or 5, was " + cls);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("RFC 3463 §2: subject and detail are 0..999");
        }
    }

    /** Parses {@code "5.1.1"}; returns null when the text is not an enhanced status code. */
    public static EnhancedStatus parseOrNull(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            return null;
        }
        String[] p = text.split("\\.");
        return new EnhancedStatus(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    public static EnhancedStatus of(String text) {
        EnhancedStatus s = parseOrNull(text);
        if (s == null) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        return s;
    }

    @Override
    public String toString() {
        return cls + "." + subject + "." + detail;
    }
}
