package org.hearthmail.relay.delivery.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An MTA-STS policy (RFC 8461 §3.2).
 *
 * @param mode        enforce, testing or none
 * @param mx          the allowed MX host patterns, lower case ({@code mail.example.com}, {@code *.example.net})
 * @param maxAgeSeconds how long the policy may be cached
 */
public record MtaStsPolicy(Mode mode, List<String> mx, long maxAgeSeconds) {

    public enum Mode { ENFORCE, TESTING, NONE }

    /** RFC 8461 §3.2: "max_age ... up to 31557600". */
    static final long MAX_AGE_LIMIT = 31_557_600L;

    public MtaStsPolicy {
        mx = List.copyOf(mx);
    }

    /** Parses the policy body; empty when it is not a valid STSv1 policy. */
    public static Optional<MtaStsPolicy> parse(String body) {
        String version = null;
        Mode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        // RFC 8461 §3.2: lines of "key: value", ending CRLF or LF; unknown keys are ignored.
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (line.isEmpty() || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            // max_age is 1*10DIGIT (RFC 8461 §3.2); longer values make the policy invalid.
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = switch (value) {
                    case "enforce" -> Mode.ENFORCE;
                    case "testing" -> Mode.TESTING;
                    case "none" -> Mode.NONE;
                    default -> null;
                };
                case "max_age" -> {
                    try {
                        maxAge = value.matches("\\d{1,10}") ? Math.min(Long.parseLong(value), MAX_AGE_LIMIT) : null;
                    } catch (NumberFormatException e) {
                        maxAge = null;
                    }
                }
                case "mx" -> mx.add(value.toLowerCase(Locale.ROOT));
                default -> { }
            }
        }
        if (!"STSv1".equals(version) || mode == null || maxAge == null || (mode != Mode.NONE && mx.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new MtaStsPolicy(mode, mx, maxAge));
    }

    /**
     * RFC 8461 §4.1: an MX host matches a pattern exactly, or a {@code *.} pattern whose wildcard
     * stands for exactly the left-most label.
     */
    public boolean allows(String mxHost) {
        String h = mxHost.toLowerCase(Locale.ROOT);
        for (String p : mx) {
            if (p.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot + 1).equals(p.substring(2))) {
                    return true;
                }
            } else if (p.equals(h)) {
                return true;
            }
        }
        return false;
    }
}
