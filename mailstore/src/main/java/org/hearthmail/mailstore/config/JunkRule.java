package org.hearthmail.mailstore.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code delivery.junk_on} entry, {@code method=result} as in an Authentication-Results header
 * (RFC 8601 §2.2), e.g. {@code dmarc=fail}: a message with that verdict goes to the Junk mailbox.
 */
public record JunkRule(String method, String result) {

    /** Methods and the results each may report. */
    private static final Map<String, Set<String>> RESULTS = Map.of(
            // RFC 8601 §2.7.1
            "dkim", Set.of("none", "pass", "fail", "policy", "neutral", "temperror", "permerror"),
            // RFC 8601 §2.7.2 (results of RFC 7208 §2.6)
            "spf", Set.of("none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"),
            // RFC 7489 §11.2
            "dmarc", Set.of("none", "pass", "fail", "temperror", "permerror"));

    public JunkRule {
        Set<String> allowed = RESULTS.get(method);
        if (allowed == null) {
            throw new IllegalArgumentException("method must be one of dkim, spf, dmarc, was " + method);
        }
        if (!allowed.contains(result)) {
            throw new IllegalArgumentException(method + " results are " + String.join(", ", allowed.stream().sorted().toList())
                    + ", not " + result);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static JunkRule parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not method=result (e.g. dmarc=fail)");
        }
        try {
            return new JunkRule(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return method + "=" + result;
    }
}
