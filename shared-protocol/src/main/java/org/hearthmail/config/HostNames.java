package org.hearthmail.config;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Domain names as the mailstore stores and compares them: A-labels (Punycode) in lower case,
 * without a trailing dot. Internationalized names are converted with {@link IDN#toASCII} (RFC 3490,
 * IDNA2003 as the JDK implements it), so {@code bücher.example} is stored as
 * {@code xn--bcher-kva.example}.
 */
public final class HostNames {

    // RFC 1035 §2.3.4 and RFC 1123 §2.1: labels of letters, digits and hyphens, 1..63 octets,
    // not starting or ending with a hyphen (a leading digit is allowed).
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private HostNames() {
    }

    /**
     * Returns {@code value} as a lower-case A-label name without trailing dot.
     *
     * @throws IllegalArgumentException naming what is wrong (the text does not repeat {@code value}
     *                                  beyond quoting it once)
     */
    public static String toAscii(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("domain name is empty");
        }
        String name = value.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                name = IDN.toASCII(name, 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not a valid internationalized domain name ("
                        + e.getMessage() + ")");
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        // RFC 1035 §2.3.4: 255 octets on the wire, i.e. at most 253 characters in text form.
        if (name.isEmpty() || name.length() > 253) {
            throw new IllegalArgumentException("'" + value + "' is not a domain name (1..253 characters)");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + value + "' is not a fully qualified domain name (need a dot)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a domain name: label '" + label
                        + "' must be 1..63 letters, digits or inner hyphens");
            }
        }
        return name;
    }

    /** The Unicode form for display ({@code xn--bcher-kva.example} → {@code bücher.example}). */
    public static String toUnicode(String asciiName) {
        return IDN.toUnicode(asciiName, 0);
    }
}
